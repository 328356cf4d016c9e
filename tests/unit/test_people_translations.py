"""Every refusal of the people area (persons, households, household changes, corrections) reads in Chinese."""

import ast
from pathlib import Path

from babel.messages.pofile import read_po

from registry import people

AREA = Path(people.__file__).parent
ERRORS = {"RegistryError", "InvalidInput", "RuleViolation", "Conflict", "NotFound", "Forbidden"}


def test_every_people_refusal_has_a_chinese_text():
    with (AREA / "translations" / "zh" / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalogue = {m.id: m.string for m in read_po(fh) if m.id}
    texts = set()
    for path in AREA.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ERRORS and node.args:
                assert isinstance(node.args[0], ast.Constant), f"{path.name}:{node.lineno} builds its message"
                texts.add(node.args[0].value)
    assert len(texts) > 20
    assert [t for t in sorted(texts) if not catalogue.get(t)] == []
