"""Clerk pages, one module per area; each module adds its views to this blueprint and may contribute
dashboard counters and household-page sections, which web.plug_in puts in COUNTERS and SECTIONS in the order
they are shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Blueprint

bp = Blueprint("clerk", __name__, url_prefix="/clerk")


@dataclass(frozen=True)
class Counter:
    """One number on the dashboard; `attention` marks work waiting for the clerk when the number is not 0."""

    label: object
    count: Callable[..., int]  # (session, actor, collective_code) -> int
    endpoint: str
    attention: bool = False
    args: dict | None = None


@dataclass(frozen=True)
class Section:
    """A block of the household page: a template fed by (session, actor, household) -> dict."""

    template: str
    load: Callable[..., dict]


COUNTERS: list[Counter] = []  # filled by web.routes.fill_pages
SECTIONS: list[Section] = []
