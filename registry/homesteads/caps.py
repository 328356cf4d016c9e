"""HS-02 area caps: data an admin changes without a code change. Province 00 is the default table."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sqlalchemy import case, select

from ..audit.services import record
from ..errors import Conflict, InvalidInput, NotFound
from .models import CAP_LAND, TERRAINS, HomesteadCap

DEFAULT_PROVINCE = "00"


def cap_for(session, province_code: str, terrain: str, on_arable_land: bool) -> HomesteadCap:
    """The most specific row: the province before the default, a row for the land taken before `any`."""
    land = "arable" if on_arable_land else "other"
    row = session.scalar(
        select(HomesteadCap)
        .where(
            HomesteadCap.province_code.in_((province_code, DEFAULT_PROVINCE)),
            HomesteadCap.terrain == terrain,
            HomesteadCap.land.in_((land, "any")),
        )
        .order_by(
            case((HomesteadCap.province_code == DEFAULT_PROVINCE, 1), else_=0),
            case((HomesteadCap.land == "any", 1), else_=0),
        )
        .limit(1)
    )
    if row is None:
        raise Conflict(
            "No homestead area cap is configured for province {province}, terrain {terrain}.",
            rule="HS-02",
            params={"province": province_code, "terrain": terrain},
        )
    return row


def list_caps(session) -> list[HomesteadCap]:
    return session.scalars(
        select(HomesteadCap).order_by(HomesteadCap.province_code, HomesteadCap.terrain, HomesteadCap.land)
    ).all()


def _key(province_code: str, terrain: str, land: str) -> tuple[str, str, str]:
    errors = {}
    if not (isinstance(province_code, str) and len(province_code) == 2 and province_code.isdigit()):
        errors["province_code"] = ["two digits (00 is the default for unlisted provinces)"]
    if terrain not in TERRAINS:
        errors["terrain"] = ["plain, hill or mountain"]
    if land not in CAP_LAND:
        errors["land"] = ["any, arable or other"]
    if errors:
        raise InvalidInput("The cap key is not valid; see errors.", rule="HS-02", errors=errors)
    return province_code, terrain, land


def set_cap(
    session, actor, province_code: str, terrain: str, land: str, cap_m2, source: str | None
) -> HomesteadCap:
    """Create or change one cap row (admin)."""
    actor.require_role()
    key = _key(province_code, terrain, land)
    try:
        value = Decimal(str(cap_m2)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        value = None
    if value is None or not value.is_finite() or value <= 0 or value >= Decimal("1000000"):
        raise InvalidInput(
            "cap_m2 must be a positive area in m².",
            rule="HS-02",
            errors={"cap_m2": ["a positive area in m²"]},
        )
    row = session.get(HomesteadCap, key, with_for_update=True)
    before = None if row is None else {"cap_m2": str(row.cap_m2), "source": row.source}
    if row is None:
        row = HomesteadCap(province_code=key[0], terrain=key[1], land=key[2])
        session.add(row)
    row.cap_m2, row.source, row.updated_by = value, source, actor.username
    session.flush()
    record(
        session,
        actor,
        "homestead_cap.set",
        "homestead_cap",
        "/".join(key),
        before=before,
        after={"cap_m2": str(value), "source": source},
    )
    return row


def delete_cap(session, actor, province_code: str, terrain: str, land: str) -> None:
    """Remove a province's row (admin); the default rows stay, every lookup needs a fallback."""
    actor.require_role()
    key = _key(province_code, terrain, land)
    row = session.get(HomesteadCap, key, with_for_update=True)
    if row is None:
        raise NotFound("No cap row {key}.", params={"key": "/".join(key)})
    if key[0] == DEFAULT_PROVINCE and key[2] == "any":
        raise Conflict("The default cap rows can be changed but not removed.", rule="HS-02")
    session.delete(row)
    session.flush()
    record(
        session,
        actor,
        "homestead_cap.delete",
        "homestead_cap",
        "/".join(key),
        before={"cap_m2": str(row.cap_m2), "source": row.source},
    )
