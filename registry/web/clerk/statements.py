"""UR-06 on the exit and surrender forms: one row per adult co-holder of a household's right, listed by name
with the ID number masked (SEC-02), each with the reference of that person's written statement."""

from __future__ import annotations

from ... import clock
from ...exits.co_holders import co_holders_shown

PREFIX = "co_holder_statements"


def co_holder_rows(session, actor, right: str | None, ref: str | None, form) -> list[dict]:
    """The rows the form shows, with what was typed in them."""
    rows = []
    shown = co_holders_shown(session, actor, right or "", (ref or "").strip(), clock.today())
    for i, (person, masked) in enumerate(shown):
        rows.append(
            {
                "index": i,
                "person": person,
                "name": person.name,
                "masked": masked,
                "statement_ref": (form.get(f"{PREFIX}.{i}.statement_ref") or "").strip(),
            }
        )
    return rows


def statements(rows: list[dict], holder_id_number: str | None) -> tuple[list[dict], dict[int, int]]:
    """The `co_holder_statements` the services take (the rows filled in, the filing holder's own left out),
    and
    which row each one came from, so a refusal's field names point at the row."""
    sent, origin = [], {}
    for row in rows:
        if row["statement_ref"] and row["person"].id_number != (holder_id_number or "").strip().upper():
            origin[len(sent)] = row["index"]
            sent.append({"id_number": row["person"].id_number, "statement_ref": row["statement_ref"]})
    return sent, origin


def rename_errors(refusal, origin: dict[int, int]) -> None:
    """`co_holder_statements.{n}.x` of the n-th statement sent → the row it was typed in."""
    renamed = {}
    for key, messages in refusal.errors.items():
        parts = key.split(".")
        if len(parts) == 3 and parts[0] == PREFIX and parts[1].isdigit() and int(parts[1]) in origin:
            key = f"{PREFIX}.{origin[int(parts[1])]}.{parts[2]}"
        renamed[key] = messages
    refusal.errors = renamed
