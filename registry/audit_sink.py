"""A plug-in point below every area: the audit area brings `record` in its plug_in(app), so that lower areas
(auth's sign-in throttle and deactivation, the API edge's refusal log) can write audit entries without
importing the audit area above them."""

from __future__ import annotations

from typing import Protocol


class AuditRecord(Protocol):
    def __call__(
        self,
        session,
        actor,
        action: str,
        entity: str,
        entity_id,
        *,
        before=None,
        after=None,
        outcome: str = "done",
        rule: str | None = None,
    ) -> object: ...


_RECORD: list[AuditRecord] = []


def use(record_fn: AuditRecord) -> None:
    _RECORD[:] = [record_fn]


def record(
    session,
    actor,
    action: str,
    entity: str,
    entity_id,
    *,
    before=None,
    after=None,
    outcome: str = "done",
    rule: str | None = None,
) -> object:
    assert _RECORD, "the audit area is not plugged in"
    return _RECORD[0](
        session, actor, action, entity, entity_id, before=before, after=after, outcome=outcome, rule=rule
    )


def record_refusal(session, actor, err, *, method: str, path: str, body=None) -> object:
    """UR-05: keep a refused attempt (a RegistryError) and who tried, in the caller's transaction; the API
    edge
    and the web call it after rolling the refused change back."""
    return record(
        session,
        actor or "anonymous",
        (err.action or f"{method} {path}")[:64],
        err.entity or "request",
        str(err.entity_id or path)[:64],
        after={"detail": err.detail, "params": err.params, "body": body},
        outcome="refused",
        rule=err.rule,
    )
