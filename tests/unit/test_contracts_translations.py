"""Every refusal the contracts area raises reads in Chinese: its English text has a msgstr in the area's catalogue."""
import ast
from pathlib import Path

from babel.messages.pofile import read_po

from registry import contracts
from registry.api import CONSTRAINT_RULES

AREA = Path(contracts.__file__).parent
ERRORS = {"RegistryError", "InvalidInput", "RuleViolation", "Conflict", "NotFound", "Forbidden"}


def _catalogue() -> dict[str, str]:
    with (AREA / "translations" / "zh" / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return {m.id: m.string for m in read_po(fh) if m.id}


def _raised_texts() -> set[str]:
    texts = set()
    for path in AREA.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ERRORS and node.args:
                assert isinstance(node.args[0], ast.Constant), f"{path.name}:{node.lineno} builds its message"
                texts.add(node.args[0].value)
    return texts


def test_every_contract_refusal_has_a_chinese_text():
    catalogue = _catalogue()
    texts = _raised_texts()
    assert len(texts) > 40
    assert [t for t in sorted(texts) if not catalogue.get(t)] == []


def test_the_contract_constraint_messages_have_a_chinese_text():
    catalogue = _catalogue()
    mine = [detail for name, (_, _, detail) in CONSTRAINT_RULES.items()
            if name.startswith(("ex_contract_", "uq_land_contracts_", "uq_contract_register_"))]
    assert len(mine) == 3 and all(catalogue.get(d) for d in mine)
