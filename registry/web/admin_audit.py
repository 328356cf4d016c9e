"""The audit log with filters (entity, actor, action, outcome, date range) and the recent failed and throttled
sign-ins (SEC-05). Reads are the audit and auth areas' own; ID numbers are masked for non-administrators
(SEC-02) by the audit area's masking."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from flask import g, render_template, request

from .. import clock
from ..audit.reads import list_entries, masked
from ..auth.signin import failures_in_window
from ..db import db
from ..errors import RegistryError
from .core import web
from .forms import FormReader
from .refusals import refuse
from .session import login_required

PER_PAGE = 50
FILTERS = ("entity", "actor", "action", "outcome")


def _instant(day, add_days: int = 0) -> datetime | None:
    """The start of a local day (registry.clock's zone) as an instant."""
    if day is None:
        return None
    return datetime.combine(day + timedelta(days=add_days), time(), tzinfo=clock.zone())


@web.get("/admin/audit")
@login_required("reviewer")
def admin_audit():
    """Readable by an administrator and a reviewer (as the audit API); only an administrator sees full ID
    numbers (SEC-02)."""
    args = {k: (request.args.get(k) or "").strip() for k in (*FILTERS, "from", "to")}
    page = max(request.args.get("page", 1, type=int), 1)
    refusal, entries, total = None, [], 0
    form = FormReader(request.args)
    try:
        since, until = form.day("from", required=False), form.day("to", required=False)
        form.done()
    except RegistryError as err:
        refusal = refuse(err)
    else:
        entries, total = list_entries(
            db.session,
            **{k: args[k] or None for k in FILTERS},
            since=_instant(since),
            until=_instant(until, 1),
            newest_first=True,
            offset=(page - 1) * PER_PAGE,
            limit=PER_PAGE,
        )
        if g.actor.role != "admin":
            entries = [masked(e) for e in entries]
    return render_template(
        "web/admin/audit.html",
        entries=entries,
        total=total,
        page=page,
        per_page=PER_PAGE,
        args=args,
        refusal=refusal,
        outcomes=("done", "refused"),
    ), (refusal.status if refusal else 200)


@web.get("/admin/sign-ins")
@login_required("admin")
def admin_sign_ins():
    entries, total = list_entries(db.session, rule="SEC-05", newest_first=True, limit=200)
    return render_template(
        "web/admin/sign_ins.html", entries=entries, total=total, window=failures_in_window(db.session)
    )
