"""Certificates (应发尽发): the clerk issues certificates for every registered right that has none, in
batches with a progress bar; the reviewer follows the certification rate of each collective of the county."""

from __future__ import annotations

from flask import Response, render_template, request
from flask_babel import lazy_gettext as _l

from ..certificates import services as certificates
from ..certificates.links import verify_url
from ..certificates.reading import certificate_pdf as certificate_file
from ..certificates.reading import certificate_page, in_force_by_collective, uncertified
from ..collectives.services import list_collectives
from ..db import db
from ..errors import InvalidInput
from .batch import run_batch
from .clerk import Counter
from .clerk import bp as clerk
from .review import bp as review
from .session import login_required, web_actor, working_collective, working_county

ISSUE_BATCH = 10  # rights per request while issuing, so the page can show how far it got


def _without_certificate(session, actor, code):
    return len(uncertified(session, actor, code))


COUNTER = Counter(
    _l("Rights without a certificate"), _without_certificate, "web.clerk.certificates", attention=True
)


@clerk.get("/certificates", endpoint="certificates")
@login_required("clerk")
def certificates_page():
    actor, code = web_actor(), working_collective()
    issued, _ = certificate_page(db.session, actor, collective_code=code, per_page=500)
    return render_template(
        "web/clerk/certificates.html",
        waiting=uncertified(db.session, actor, code),
        issued=issued,
        batch=ISSUE_BATCH,
    )


@clerk.post("/certificates/issue")
@login_required("clerk")
def issue_batch():
    """One batch of the 应发尽发 run: each right gets its certificate in its own transaction, or its
    refusal."""
    actor = web_actor()

    def one(item) -> dict:
        if not isinstance(item, dict):
            raise InvalidInput("Some fields need attention.", errors={"items": ["not an object"]})
        cert = certificates.issue_certificate(db.session, actor, item.get("kind"), item.get("ref"))
        return {"status": 201, "ref": cert.right_ref, "number": cert.number, "serial": cert.serial}

    return run_batch(
        (request.get_json(silent=True) or {}).get("items"),
        ISSUE_BATCH,
        "items",
        one,
        lambda item: {"ref": item.get("ref") if isinstance(item, dict) else None},
    )


@review.get("/progress")
@login_required("reviewer")
def progress():
    """Certification progress per collective: rights registered, certificates in force, the rate, a chart."""
    actor, county = web_actor(), working_county()
    in_force = in_force_by_collective(db.session, actor, county)
    rows = []
    for c in list_collectives(db.session, actor, county):
        missing = len(uncertified(db.session, actor, c.code))
        done = in_force.get(c.code, 0)
        if done + missing:
            rows.append(
                {
                    "collective": c,
                    "done": done,
                    "missing": missing,
                    "total": done + missing,
                    "rate": done / (done + missing),
                }
            )
    total_done, total = sum(r["done"] for r in rows), sum(r["total"] for r in rows)
    return render_template("web/review/progress.html", rows=rows, total_done=total_done, total=total)


@clerk.get("/certificates/<number>.pdf")
@login_required("clerk")
def certificate_pdf(number):
    """The printable certificate, the same PDF the API gives, for a clerk signed in on the web."""
    cert, pdf = certificate_file(db.session, web_actor(), number, verify_url)
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f"inline; filename={cert.number}.pdf"},
    )
