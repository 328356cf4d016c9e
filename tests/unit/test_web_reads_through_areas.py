"""The web reads through the areas (issue 15, SEC-01, SEC-02): no module of registry/web builds or runs a
query of
its own, so scope and masking are applied once, in the area's read service. Read from the source with ast."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import registry

WEB = Path(registry.__file__).resolve().parent / "web"

QUERY_METHODS = {"get", "scalar", "scalars", "execute", "query"}
DB_HELPERS = {"paginate", "count", "keyset"}  # the areas page and count their own selects


def _is_db_session(node: ast.AST) -> bool:
    """`db.session` or a name `session` handed in by the caller (Counter/Section loaders)."""
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "session"
        and isinstance(node.value, ast.Name)
        and node.value.id == "db"
    ) or (isinstance(node, ast.Name) and node.id == "session")


def queries_in(source: str) -> list[str]:
    """What in `source` is a query of its own: SQLAlchemy imported, a session asked to read, a pagination or
    count helper of the database layer. Flask's `session.get("key")` is not a query."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [
                f"import {a.name}"
                for a in node.names
                if a.name.split(".")[0] in ("sqlalchemy", "geoalchemy2")
            ]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module.split(".")[0] in ("sqlalchemy", "geoalchemy2"):
                found.append(f"from {module} import …")
            elif module.rsplit(".", 1)[-1] in ("db", "api") and node.level:
                found += [f"{a.name} from {module}" for a in node.names if a.name in DB_HELPERS]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in QUERY_METHODS
            and _is_db_session(node.func.value)
        ):
            first = node.args[0] if node.args else None
            flask_session = (
                isinstance(node.func.value, ast.Name)
                and node.func.attr == "get"
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
            )
            if not flask_session:
                found.append(f"session.{node.func.attr}() on line {node.lineno}")
    return found


def _web_modules() -> list[str]:
    return sorted(p.relative_to(WEB).as_posix() for p in WEB.rglob("*.py"))


def test_the_scan_sees_a_query_and_passes_flask_session():
    assert queries_in("from sqlalchemy import select\n")
    assert queries_in("x = db.session.get(User, 1)\n")
    assert queries_in("def f(session):\n    return session.scalar(stmt)\n")
    assert queries_in("from ..db import paginate\n")
    assert queries_in("from ...api import paginate\n")
    assert not queries_in("lang = session.get('lang', 'zh')\nfrom ..db import db\ndb.session.commit()\n")


@pytest.mark.parametrize("module", _web_modules())
def test_the_web_module_has_no_query_of_its_own(module):
    found = queries_in((WEB / module).read_text(encoding="utf-8"))
    assert not found, (
        f"registry/web/{module} reads the database itself: {found} — move it to the area's reads"
    )
