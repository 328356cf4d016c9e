"""The shape every form page shares. On POST the view's action reads the form and calls the services; done,
the request's transaction is committed, the message flashed and the browser sent on; refused, the transaction
is rolled back (refusals.refuse: kept in the audit log where a rule asks) and the page is shown again with the
input as typed and the refusal beside it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import flash, redirect, render_template, request

from ..db import db
from ..errors import RegistryError
from .forms import FormReader
from .refusals import Refusal, refuse


@dataclass(frozen=True)
class Done:
    """What a done action shows: the flash message (none when None), where to go, the flash category."""

    message: str | None
    url: str | None = None
    category: str = "message"


def on_post(
    action: Callable[[FormReader], str | Done | None],
    done_url: str | None = None,
    *,
    on_refusal: Callable[[Refusal], None] | None = None,
):
    """(redirect, None) when a POST's action is done, (None, refusal) when refused, (None, None) on GET.
    `action` returns the flash message, a Done (message, url), or None; `on_refusal` may rename the
    refusal's fields to the rows the page shows."""
    if request.method != "POST":
        return None, None
    try:
        outcome = action(FormReader(request.form))
        db.session.commit()
    except RegistryError as err:
        refusal = refuse(err)
        if on_refusal is not None:
            on_refusal(refusal)
        return None, refusal
    if not isinstance(outcome, Done):
        outcome = Done(outcome)
    if outcome.message:
        flash(outcome.message, outcome.category)
    return redirect(outcome.url or done_url), None


def form_page(template: str, refusal: Refusal | None = None, **context):
    """The form page with the input as typed, answered with the refusal's status (200 without one)."""
    return render_template(template, refusal=refusal, form=request.form, **context), (
        refusal.status if refusal else 200
    )
