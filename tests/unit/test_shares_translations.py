"""Every message a share service raises has its Chinese text (the edge answers in zh_CN by default)."""
import ast
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2] / "registry"
ERRORS = {"RuleViolation", "InvalidInput", "Conflict", "NotFound", "Forbidden"}


def _catalogue_ids() -> set[str]:
    ids = set()
    for po in (ROOT / "shares" / "translations", ROOT / "translations"):
        with (po / "zh" / "LC_MESSAGES" / "messages.po").open("rb") as fh:
            ids |= {m.id for m in read_po(fh) if m.id and m.string}
    return ids


def test_every_share_error_message_is_translated():
    ids = _catalogue_ids()
    missing = []
    for path in sorted((ROOT / "shares").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ERRORS and node.args \
                    and isinstance(node.args[0], ast.Constant) and node.args[0].value not in ids:
                missing.append((path.name, node.args[0].value))
    assert missing == []
