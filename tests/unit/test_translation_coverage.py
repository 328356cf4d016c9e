"""Every refusal each area can give reads in Chinese (zh_CN is the default): the English message id of each
RegistryError an area raises has a msgstr in the merged catalogues (Flask-Babel merges the areas' own and
registry/translations), and so has every database-constraint message the API edge maps."""

import ast
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import registry
from registry import errors
from registry.api import CONSTRAINT_RULES

ROOT = Path(registry.__file__).resolve().parent
ERRORS = {
    name
    for name, value in vars(errors).items()
    if isinstance(value, type) and issubclass(value, errors.RegistryError)
}


def _chinese() -> dict[str, str]:
    texts = {}
    for po in ROOT.glob("**/translations/zh/LC_MESSAGES/messages.po"):
        with po.open("rb") as fh:
            texts.update({m.id: m.string for m in read_po(fh) if m.id and m.string})
    return texts


ZH = _chinese()


def _raised(files) -> list[tuple[str, str]]:
    found = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ERRORS and node.args:
                first = node.args[0]
                if isinstance(
                    first, ast.Constant
                ):  # a message id handed on (e.g. a source's refusal) is not here
                    found.append((path.relative_to(ROOT).as_posix(), first.value))
    return found


def _files(area: str):
    return sorted(ROOT.glob("*.py")) if area == "(base)" else sorted((ROOT / area).rglob("*.py"))


@pytest.mark.parametrize("area", ["(base)", *registry.AREAS])
def test_every_refusal_of_the_area_has_a_chinese_text(area):
    raised = _raised(_files(area))
    missing = sorted({(f, m) for f, m in raised if m not in ZH})
    assert not missing, missing


def test_the_walker_finds_the_refusals():
    assert len(_raised(_files("contracts"))) > 40 and len(_raised(_files("exits"))) > 5


@pytest.mark.parametrize("constraint", sorted(CONSTRAINT_RULES))
def test_every_constraint_message_has_a_chinese_text(constraint):
    _, _, detail = CONSTRAINT_RULES[constraint]
    assert ZH.get(detail), detail
