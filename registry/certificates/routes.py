from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from ..api import commit, paginate
from ..auth.guard import current_actor, requires
from ..db import db
from . import reading, services
from .links import verify_url
from .schemas import (
    CertificateHistoryOut,
    CertificateItemQuery,
    CertificateListOut,
    CertificateOut,
    CertificateQuery,
    IssueIn,
    ReasonIn,
)

blp = Blueprint("certificates", __name__, url_prefix="/api/v1/certificates", description="证书 (RG-02)")


@blp.route("")
class Certificates(MethodView):
    @requires("clerk", "reviewer")
    @blp.arguments(CertificateQuery, location="query")
    @blp.response(200, CertificateListOut)
    def get(self, query):
        """Certificates in your scope, by collective, kind and status."""
        page, per_page = query.pop("page"), query.pop("per_page")
        stmt = reading.list_certificates(db.session, current_actor(), **query)
        items, total = paginate(stmt, page, per_page)
        return {"items": items, "total": total}

    @requires("clerk", "reviewer")
    @blp.arguments(IssueIn)
    @blp.response(201, CertificateOut)
    def post(self, data):
        """Issue (颁发) the certificate of a registered right (RG-02)."""
        cert = services.issue_certificate(db.session, current_actor(), data["kind"], data["right_ref"])
        commit()
        return cert


@blp.route("/<number>.pdf")
class CertificatePdf(MethodView):
    @requires("clerk", "reviewer")
    @blp.response(200, content_type="application/pdf")
    def get(self, number):
        """The certificate as a PDF (embedded Chinese font, parcel map, QR code to the verification page)."""
        cert, pdf = reading.certificate_pdf(db.session, current_actor(), number, verify_url)
        return Response(
            pdf,
            mimetype="application/pdf",
            headers={"Content-Disposition": f'inline; filename="certificate-{cert.number}.pdf"'},
        )


@blp.route("/<number>")
class CertificateItem(MethodView):
    @requires("clerk", "reviewer")
    @blp.arguments(CertificateItemQuery, location="query")
    @blp.response(200, CertificateOut)
    def get(self, query, number):
        """The certificate a number stands for now: the one in force, else the last (cancelled) one;
        `?serial=`
        reads one certificate printed under the number, with its status and, if replaced, `replaced_by`."""
        return reading.get_certificate(db.session, current_actor(), number, query.get("serial"))


@blp.route("/<number>/history")
class CertificateHistory(MethodView):
    @requires("clerk", "reviewer")
    @blp.response(200, CertificateHistoryOut)
    def get(self, number):
        """Every certificate printed under the number: issue, 补发, 换发, 注销."""
        items = reading.history(db.session, current_actor(), number)
        return {"items": items, "total": len(items)}


@blp.route("/<number>/reissue")
class CertificateReissue(MethodView):
    @requires("reviewer")
    @blp.arguments(ReasonIn)
    @blp.response(201, CertificateOut)
    def post(self, data, number):
        """补发: a new certificate for a lost or destroyed one; the old verification code stops verifying."""
        cert = services.reissue_certificate(db.session, current_actor(), number, data["reason"])
        commit()
        return cert


@blp.route("/<number>/replacement")
class CertificateReplacement(MethodView):
    @requires("reviewer")
    @blp.arguments(ReasonIn)
    @blp.response(201, CertificateOut)
    def post(self, data, number):
        """换发: the old certificate handed in for one printed from the register as it stands today."""
        cert = services.replace_certificate(db.session, current_actor(), number, data["reason"])
        commit()
        return cert


@blp.route("/<number>/cancellation")
class CertificateCancellation(MethodView):
    @requires("reviewer")
    @blp.arguments(ReasonIn)
    @blp.response(200, CertificateOut)
    def post(self, data, number):
        """注销: the certificate stops being valid; the verification page then says so."""
        cert = services.cancel_certificate(db.session, current_actor(), number, data["reason"])
        commit()
        return cert
