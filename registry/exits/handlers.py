"""The plug-in points of the one exit path, owned here and filled by the areas above in their `plug_in(app)`.

- `ExitHandler`, one per right (contracts, homesteads, shares): `locate` finds who holds the right and where,
  `apply` carries out an approved exit (ends the contract, the homestead right, redeems the shares).
- `SettlementEvents` (settlement): the latest urban settlement in a household before a date, for the UR-04
flag.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Protocol

from .models import EXIT_RIGHTS

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ..auth.actor import Actor
    from .models import Exit


@dataclass(frozen=True)
class RightInfo:
    collective_code: str
    household_code: str | None
    holder_person_ids: frozenset[int] = field(default_factory=frozenset)


class ExitHandler(Protocol):
    def locate(self, session: Session, ref: str) -> RightInfo:
        """Who holds the right `ref` and where; NotFound when unknown."""

    def apply(self, session: Session, actor: Actor, exit_: Exit) -> None:
        """Carry out the approved exit, in the approval's transaction."""


class SettlementEvents(Protocol):
    def latest_urban_settlement(
        self,
        session: Session,
        household_code: str | None,
        person_ids: Collection[int],
        filed_on: date,
        days: int,
    ) -> int | None:
        """The id of the latest urban settlement of anyone in the household in the `days` before filing."""


HANDLERS: dict[str, ExitHandler] = {}
_SETTLEMENT_EVENTS: list[SettlementEvents] = []


def register_exit_handler(right: str, handler: ExitHandler) -> None:
    assert right in EXIT_RIGHTS
    HANDLERS[right] = handler


def register_settlement_events(source: SettlementEvents) -> None:
    _SETTLEMENT_EVENTS[:] = [source]


def settlement_events() -> SettlementEvents:
    assert _SETTLEMENT_EVENTS, "the settlement area is not plugged in"
    return _SETTLEMENT_EVENTS[0]
