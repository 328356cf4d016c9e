"""The public verification page /verify/{number}?code=… (RG-02): valid, cancelled, superseded or unknown.

It shows nothing personal beyond the masked holder name and the right's code, and only when the code
matches a certificate of that number.
"""

from flask import Blueprint, render_template, request

from ..db import db
from ..replica import on_replica
from . import reading
from .labels import mask_name

bp = Blueprint("certificates_web", __name__, template_folder="templates")

VERDICTS = {
    "valid": ("有效", "该证书真实有效。"),
    "right_ended": ("权利已终止", "该证书所载权利已终止或期限届满，证书不再有效。"),
    "cancelled": ("已注销", "该证书已注销，不再有效。"),
    "superseded": ("已失效", "该证书已补发或换发，此核验码已作废，请以新证书为准。"),
    "unknown": ("无法核验", "未找到与该证书编号和核验码相符的证书，请核对后重新输入。"),
}

STATUS_LABELS = {"issued": "有效", "reissued": "已补发", "replaced": "已换发", "cancelled": "已注销"}


class _NotOnReplica(Exception):
    """Unknown on the replica: perhaps issued a moment ago and not replayed yet, so ask the primary."""


def _verified(session, number: str, code: str):
    found = reading.verify(session, number, code)
    if found.result == "unknown" and session is not db.session:
        raise _NotOnReplica
    return found


@bp.get("/verify/<number>")
def verify(number: str):
    code = (request.args.get("code") or "").strip()
    found = on_replica(_verified, number, code, primary_if=(_NotOnReplica,)) if code else None
    result = found.result if found else "unknown"
    title, explanation = VERDICTS[result]
    cert = found.certificate if found else None
    html = render_template(
        "certificates/verify.html",
        number=number,
        code=code,
        result=result,
        verdict=title,
        explanation=explanation,
        holder=mask_name(cert.content["holder"]["name"]) if cert else None,
        right_ref=cert.right_ref if cert else None,
        status=cert.status if cert else None,
        status_label=STATUS_LABELS.get(cert.status) if cert else None,
        replaced_by=cert.replaced_by if cert else None,
    )
    status = 404 if code and result == "unknown" else 200
    return html, status, {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}
