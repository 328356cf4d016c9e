"""The rule catalogue and the offline API docs page."""
import marshmallow as ma
from flask import Response, render_template_string
from flask.views import MethodView
from flask_smorest import Blueprint

from ..auth.guard import public
from ..rules import RULES

blp = Blueprint("rules", __name__, url_prefix="/api/v1", description="规则目录")


class RuleOut(ma.Schema):
    id = ma.fields.String()
    text_zh = ma.fields.String()
    text_en = ma.fields.String()
    source = ma.fields.String()


class RulePage(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(RuleOut))
    total = ma.fields.Integer()


@blp.route("/rules")
class Rules(MethodView):
    @public
    @blp.response(200, RulePage)
    def get(self):
        """Every rule the registry enforces, with its legal source."""
        return {"items": RULES, "total": len(RULES)}


_DOCS = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>API 文档</title>
<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;padding:0 1em}
h2{border-bottom:1px solid #ccc}code{background:#f4f4f4;padding:0 .3em}.m{display:inline-block;width:4em;font-weight:bold}
</style></head><body><h1>农村集体产权登记 API 文档</h1><p>OpenAPI: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a></p>
<div id="out">加载中…</div><script nonce="{{ csp_nonce() }}">
fetch('/api/v1/openapi.json').then(r=>r.json()).then(spec=>{const out=document.getElementById('out');out.innerHTML='';
for(const [path,ops] of Object.entries(spec.paths)){const h=document.createElement('h2');h.textContent=path;out.appendChild(h);
for(const [m,op] of Object.entries(ops)){if(typeof op!=='object'||!op.responses)continue;const p=document.createElement('p');
p.innerHTML='<span class="m"></span> <span class="s"></span>';p.querySelector('.m').textContent=m.toUpperCase();
p.querySelector('.s').textContent=(op.summary||'')+' → '+Object.keys(op.responses).join(', ');out.appendChild(p);}}});
</script></body></html>"""


@blp.route("/docs")
class Docs(MethodView):
    @public
    def get(self):
        """Offline API documentation page (no CDN assets)."""
        return Response(render_template_string(_DOCS), mimetype="text/html")
