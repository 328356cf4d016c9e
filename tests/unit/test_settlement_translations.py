"""Every refusal the settlement area, the exit path and the review queue can give has its Chinese text (zh_CN is
the default)."""
import ast
from pathlib import Path

from babel.messages.pofile import read_po

from registry import errors

REGISTRY = Path(__file__).resolve().parents[2] / "registry"
ERROR_NAMES = {name for name, value in vars(errors).items()
               if isinstance(value, type) and issubclass(value, errors.RegistryError)}


def _messages(package: str):
    for path in sorted((REGISTRY / package).glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) in ERROR_NAMES and node.args
                    and isinstance(node.args[0], ast.Constant)):
                yield path.name, node.args[0].value


def _chinese() -> dict[str, str]:
    texts = {}
    for po in REGISTRY.glob("**/translations/zh/LC_MESSAGES/messages.po"):
        with po.open("rb") as fh:
            texts.update({m.id: m.string for m in read_po(fh) if m.id})
    return texts


def test_every_settlement_exit_and_review_refusal_has_chinese_text():
    zh = _chinese()
    found = [m for package in ("settlement", "exits", "reviews") for m in _messages(package)]
    assert len(found) > 15
    missing = [(f, m) for f, m in found if not zh.get(m)]
    assert not missing, missing
