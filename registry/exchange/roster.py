"""`roster import`: a 成员名册 / 确认登记汇总表 sheet (exchange.md) → households, persons and memberships
confirmed by an earlier resolution (art. 66); all or nothing, with the import's report shape."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select

from .. import clock
from ..codes import parse_collective_code
from ..errors import RegistryError
from ..membership.earlier import record_earlier_confirmations
from ..people.models import HouseholdMember, Person
from ..people.relations import HEAD, RELATIONS
from ..people.services import create_household, register_person
from .findings import Finding, error, has_errors, warning
from .importer import EMPTY_COUNTS, Outcome
from .persons import normalise_id

LABELS = ("序号", "户主", "户内成员姓名", "与户主关系", "身份证号")
ALIASES = {
    "户主": HEAD,
    "本人": HEAD,
    "丈夫": "11",
    "妻子": "12",
    "儿子": "20",
    "女儿": "30",
    "父": "51",
    "母": "52",
    "孙": "41",
    "孙女儿": "42",
    "媳妇": "38",
    "儿媳妇": "38",
    "兄弟": "70",
    "姐妹": "70",
}
_BY_LABEL = {label: code for code, label in RELATIONS.items()}


def relation_code(label: str | None) -> str | None:
    text = (label or "").strip()
    return ALIASES.get(text) or _BY_LABEL.get(text)


@dataclass
class RosterHousehold:
    row: int
    members: list[tuple[str, str, str]] = field(default_factory=list)  # (name, id number, relation)


def read_roster(path: Path) -> tuple[list[RosterHousehold], list[Finding]]:
    """The header row is found by its labels; merged household cells carry their value down."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    findings: list[Finding] = []
    households: list[RosterHousehold] = []
    try:
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header: dict[str, int] | None = None
        for n, row in enumerate(rows, start=1):
            cells = ["" if c is None else str(c).strip() for c in row]
            if header is None:
                if all(label in cells for label in LABELS):
                    header = {c: i for i, c in enumerate(cells) if c}
                continue
            get = lambda label: cells[header[label]] if header.get(label, 99) < len(cells) else ""  # noqa: E731
            name, number = get("户内成员姓名"), get("身份证号")
            if not name and not number:
                continue
            if get("序号") or get("户主") or not households:
                households.append(RosterHousehold(n))
            relation = relation_code(get("与户主关系"))
            if relation is None:
                findings.append(
                    error(
                        "EX-11",
                        "roster",
                        f"row {n}",
                        "{column} {value} is not in the code list.",
                        column="与户主关系",
                        value=get("与户主关系"),
                    )
                )
                continue
            valid, converted = normalise_id(number)
            if valid is None:
                findings.append(
                    error(
                        "EX-09",
                        "roster",
                        f"row {n}",
                        "{name}: {number} is not a valid GB 11643 number.",
                        name=name,
                        number=number,
                    )
                )
                continue
            if converted:
                findings.append(
                    warning(
                        "EX-09",
                        "roster",
                        f"row {n}",
                        "{name}: the 15-digit number was converted to {number}.",
                        name=name,
                        number=valid,
                    )
                )
            households[-1].members.append((name, valid, relation))
        if header is None:
            findings.append(
                error(
                    "EX-02",
                    "roster",
                    "",
                    "Table {table} lacks the fields {fields}.",
                    table="成员名册",
                    fields=", ".join(LABELS),
                )
            )
    finally:
        wb.close()
    return households, findings


def _check(households: list[RosterHousehold]) -> list[Finding]:
    out, seen = [], {}
    for h in households:
        heads = sum(1 for _, _, r in h.members if r == HEAD)
        if heads != 1:
            out.append(
                error("EX-09", "roster", f"row {h.row}", "The household has {n} heads, not one.", n=heads)
            )
        for _, number, _ in h.members:
            seen[number] = seen.get(number, 0) + 1
    out += [
        error("EX-09", "roster", n[:6] + "********" + n[-4:], "The number is listed {n} times.", n=k)
        for n, k in seen.items()
        if k > 1
    ]
    return out


def import_roster(
    session,
    actor,
    path: Path,
    collective_code: str,
    resolution_ref: str,
    *,
    dry_run: bool = False,
    on: date | None = None,
) -> Outcome:
    parse_collective_code(collective_code, "collective")
    actor.require_collective(collective_code, "clerk", "reviewer")
    households, findings = read_roster(path)
    findings += _check(households)
    out = Outcome("refused", collective_code[:6], None, dict(EMPTY_COUNTS), findings, package=Path(path).name)
    if has_errors(findings):
        return out
    counts = out.counts
    try:
        with session.begin_nested():
            _load(
                session,
                actor,
                households,
                collective_code,
                resolution_ref,
                on or clock.today(),
                counts,
                findings,
            )
            if dry_run:
                raise _DryRun
    except _DryRun:
        out.status = "dry_run"
        return out
    except RegistryError as err:
        out.counts = dict(EMPTY_COUNTS)
        findings.append(
            error(
                err.rule or "EX-09",
                "roster",
                ", ".join(err.conflicts or []),
                "{rule}: {why}",
                rule=err.rule or "",
                why=err.detail.format(**err.params),
            )
        )
        return out
    out.status = "done"
    return out


class _DryRun(Exception):
    """Leaves the savepoint: what the dry run wrote is rolled back."""


def _load(session, actor, households, collective_code, resolution_ref, on, counts, findings) -> None:
    person_ids = []
    for h in households:
        for name, number, _ in h.members:
            person = session.scalar(select(Person).where(Person.id_number == number))
            if person is None:
                person = register_person(session, actor, number, name)
                counts["persons"] += 1
            person_ids.append(person.id)
        ids = [n for _, n, _ in h.members]
        placed = session.scalars(
            select(HouseholdMember.household_code)
            .join(Person)
            .where(Person.id_number.in_(ids), HouseholdMember.left_on.is_(None))
        ).all()
        if placed:
            findings.append(
                warning(
                    "EX-09",
                    "roster",
                    f"row {h.row}",
                    "{n} persons are in a household already; the household is kept.",
                    n=len(placed),
                )
            )
            continue
        head = next(n for _, n, r in h.members if r == HEAD)
        create_household(
            session,
            actor,
            collective_code,
            head,
            [{"id_number": n, "relation": r} for _, n, r in h.members if r != HEAD],
        )
        counts["households"] += 1
    record_earlier_confirmations(session, actor, collective_code, person_ids, resolution_ref, on)
    counts["memberships"] = len(person_ids)
