"""The seams between areas (ARCHITECTURE.md): no import cycle between files or between areas, and no import
pointing from a lower area to a higher one. Read from the source with ast, so an import inside a function or
under TYPE_CHECKING counts as well."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

import registry

ROOT = Path(registry.__file__).resolve().parent

# Lowest first. An area imports only areas on its own level or below; a plug-in point is owned by the lower
# area and filled by the higher ones in their plug_in(app).
LEVELS: list[set[str]] = [
    {"(base)"},  # registry/*.py: db, errors, codes, rules, config, settings, dates, api, …
    {"auth"},
    {"audit", "security", "basemap"},
    {"collectives", "people"},
    {"membership", "parcels"},
    {"reviews", "exits", "certificates"},
    {"contracts", "homesteads", "shares"},
    {"settlement"},
    {"exchange", "ogc"},
    {"catalogue", "web"},
    {"(app)"},  # registry/__init__.py, cli.py, demo.py: the composition root
]
LEVEL = {area: i for i, names in enumerate(LEVELS) for area in names}
APP_MODULES = {"registry", "registry.cli", "registry.demo"}
# Packages of the composition root: they build a whole county through every area (benchmarks, `demo county`).
APP_PACKAGES = {"countygen"}
# Packages of the base: the rule catalogue, one module per rule prefix.
BASE_PACKAGES = {"rules"}


def _module_name(path: Path) -> str:
    parts = ["registry", *path.relative_to(ROOT).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _source_files():
    """The package's own modules: directories with an __init__.py, not following symlinks (migrations/,
    fixtures/ may be linked in for packaging)."""
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [
            d
            for d in dirs
            if (Path(folder) / d / "__init__.py").exists() and not (Path(folder) / d).is_symlink()
        ]
        yield from (Path(folder) / f for f in files if f.endswith(".py"))


MODULES = {_module_name(p): p for p in _source_files()}
AREA_PACKAGES = {
    p.name for p in ROOT.iterdir() if p.is_dir() and not p.is_symlink() and (p / "__init__.py").exists()
} - BASE_PACKAGES


def _imports(name: str, path: Path) -> set[str]:
    """The registry modules `name` imports (a package when the imported name is not a module of it)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "registry"}
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            if target.split(".")[0] != "registry":
                continue
            found |= {f"{target}.{a.name}" if f"{target}.{a.name}" in MODULES else target for a in node.names}
    return found - {name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def area_of(module: str) -> str:
    if module in APP_MODULES or module.split(".")[1:2] in ([p] for p in APP_PACKAGES):
        return "(app)"
    parts = module.split(".")
    if parts[1] in BASE_PACKAGES:
        return "(base)"
    return parts[1] if len(parts) > 2 or parts[1] in AREA_PACKAGES else "(base)"


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the directed graph, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_walker_sees_the_imports_it_must_judge():
    assert "registry.exits.handlers" in GRAPH["registry.contracts"]
    assert "registry.certificates.rights" in GRAPH["registry.homesteads.certificate_source"]
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_every_area_has_its_place_in_the_order():
    unplaced = sorted(AREA_PACKAGES - APP_PACKAGES - set(LEVEL))
    assert not unplaced, f"add {unplaced} to LEVELS here and to ARCHITECTURE.md"


def test_create_app_plugs_in_every_area_in_dependency_order():
    assert set(registry.AREAS) == AREA_PACKAGES - APP_PACKAGES
    levels = [LEVEL[a] for a in registry.AREAS]
    assert levels == sorted(levels), "registry.AREAS is not lowest first"


def test_no_import_cycle_between_files():
    cycle = _cycle(GRAPH)
    assert cycle is None, " → ".join(cycle or ())


def test_no_import_cycle_between_areas():
    areas: dict[str, set[str]] = {}
    for module, targets in GRAPH.items():
        areas.setdefault(area_of(module), set()).update(
            area_of(t) for t in targets if area_of(t) != area_of(module)
        )
    cycle = _cycle(areas)
    assert cycle is None, " → ".join(cycle or ())


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_point_down_the_order(module):
    here = area_of(module)
    upward = sorted(t for t in GRAPH[module] if LEVEL[area_of(t)] > LEVEL[here])
    assert not upward, f"{module} ({here}) imports higher areas: {upward}"
