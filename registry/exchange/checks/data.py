"""The records read from a package, as the checks see them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Data:
    county: str
    tables: dict[str, list[dict]]
    columns: dict[str, list[str]]
    dk: list[dict] = field(default_factory=list)
    geoms: list = field(default_factory=list)
    dk_fields: list[str] = field(default_factory=list)
    central_meridian: float | None = None

    def rows(self, table: str) -> list[dict]:
        return self.tables.get(table, [])
