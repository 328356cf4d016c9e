"""The public verification page /verify/{number}?code=… (RG-02): valid, cancelled, superseded or unknown.

It shows nothing personal beyond the masked holder name and the right's code, and only when the code
matches a certificate of that number.
"""
from flask import Blueprint, render_template_string, request

from ..db import db
from ..replica import on_replica
from . import reading
from .labels import mask_name

bp = Blueprint("certificates_web", __name__)

VERDICTS = {
    "valid": ("有效", "该证书真实有效。"),
    "right_ended": ("权利已终止", "该证书所载权利已终止或期限届满，证书不再有效。"),
    "cancelled": ("已注销", "该证书已注销，不再有效。"),
    "superseded": ("已失效", "该证书已补发或换发，此核验码已作废，请以新证书为准。"),
    "unknown": ("无法核验", "未找到与该证书编号和核验码相符的证书，请核对后重新输入。"),
}

STATUS_LABELS = {"issued": "有效", "reissued": "已补发", "replaced": "已换发", "cancelled": "已注销"}

PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="robots" content="noindex">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>证书核验 {{ number }}</title>
<style>
 body{font-family:sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#222}
 .verdict{font-size:1.6rem;font-weight:bold;padding:.6rem 1rem;border-radius:.4rem}
 .valid{background:#e3f4e1;color:#1d6b1a}
 .cancelled,.superseded,.right_ended{background:#fbe9e7;color:#a32a17}
 .unknown{background:#f1f1f1;color:#555} dl{display:grid;grid-template-columns:8rem 1fr;gap:.4rem}
 dt{color:#666}
</style></head><body>
<h1>农村集体产权证书核验</h1>
<p>证书编号：{{ number }}</p>
{% if code %}
<p class="verdict {{ result }}" data-result="{{ result }}">{{ verdict }}</p>
<p>{{ explanation }}</p>
{% if holder %}
<dl><dt>权利人</dt><dd>{{ holder }}</dd><dt>权利代码</dt><dd>{{ right_ref }}</dd>
<dt>证书状态</dt><dd data-status="{{ status }}">{{ status_label }}</dd>
{% if replaced_by %}<dt>换发后证书</dt><dd data-replaced-by="{{ replaced_by }}">{{ replaced_by }}</dd>{% endif %}</dl>
{% endif %}
{% endif %}
<form method="get">
<label>核验码 <input name="code" value="{{ code }}" maxlength="16" autocomplete="off"></label>
<button type="submit">核验</button></form>
</body></html>"""


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
    html = render_template_string(
        PAGE, number=number, code=code, result=result, verdict=title, explanation=explanation,
        holder=mask_name(cert.content["holder"]["name"]) if cert else None,
        right_ref=cert.right_ref if cert else None, status=cert.status if cert else None,
        status_label=STATUS_LABELS.get(cert.status) if cert else None,
        replaced_by=cert.replaced_by if cert else None)
    status = 404 if code and result == "unknown" else 200
    return html, status, {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}
