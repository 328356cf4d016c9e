"""Every refusal the homestead area raises has its Chinese text: clerks read Chinese."""
import ast
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2] / "registry"
ERRORS = {"InvalidInput", "RuleViolation", "Conflict", "NotFound", "Forbidden"}


def _catalog_ids(po: Path) -> set[str]:
    with po.open("rb") as fh:
        return {m.id for m in read_po(fh) if m.id and m.string}


def _raised_messages() -> set[str]:
    found = set()
    for path in (ROOT / "homesteads").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ERRORS and node.args:
                assert isinstance(node.args[0], ast.Constant), f"{path.name}: a message id must be a literal"
                found.add(node.args[0].value)
    return found


def test_every_homestead_message_is_translated():
    known = _catalog_ids(ROOT / "homesteads/translations/zh/LC_MESSAGES/messages.po")
    known |= _catalog_ids(ROOT / "translations/zh/LC_MESSAGES/messages.po")
    missing = _raised_messages() - known
    assert not missing, missing
