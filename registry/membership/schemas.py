import marshmallow as ma

from ..api import PageQuery
from ..codes import mask_id_number
from .models import APPLICATION_BASES
from .resolutions import BODIES, DECISIONS, SUBJECTS
from .roster import ROSTER_STATUSES

_count = {"required": True, "strict": True, "validate": ma.validate.Range(min=0)}


class ApplicationIn(ma.Schema):
    id_number = ma.fields.String(required=True, metadata={"description": "公民身份号码 of the applicant"})
    basis = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(APPLICATION_BASES),
        metadata={
            "description": "original 原始成员, birth 出生, marriage 婚姻, adoption 收养, "
            "policy_migration 政策性移民, other 其他"
        },
    )
    evidence_ref = ma.fields.String(
        validate=ma.validate.Length(max=200), metadata={"description": "reference of the supporting document"}
    )


class ApplicationOut(ma.Schema):
    id = ma.fields.Integer()
    status = ma.fields.String(metadata={"description": "pending, confirmed, rejected or withdrawn"})
    collective_code = ma.fields.String()
    id_number = ma.fields.Function(
        lambda a: mask_id_number(a.person.id_number), metadata={"description": "masked"}
    )
    name = ma.fields.Function(lambda a: a.person.name)
    basis = ma.fields.String()
    source = ma.fields.String(metadata={"description": "clerk, or hukou_event (RS-03)"})
    evidence_ref = ma.fields.String(allow_none=True)
    resolution_id = ma.fields.Integer(allow_none=True)


class ApplicationQuery(PageQuery):
    status = ma.fields.String(validate=ma.validate.OneOf(("pending", "confirmed", "rejected")))


class ApplicationPage(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(ApplicationOut))
    total = ma.fields.Integer()


class DecisionIn(ma.Schema):
    application_id = ma.fields.Integer(required=True, strict=True)
    decision = ma.fields.String(required=True, validate=ma.validate.OneOf(DECISIONS))


class ResolutionIn(ma.Schema):
    body = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(BODIES),
        metadata={"description": "assembly 成员大会 or representatives 成员代表大会"},
    )
    subject = ma.fields.String(required=True, validate=ma.validate.OneOf(SUBJECTS))
    notice_date = ma.fields.Date(required=True, metadata={"description": "day the meeting was announced"})
    meeting_date = ma.fields.Date(required=True)
    members_total = ma.fields.Integer(**_count, metadata={"description": "all members of the collective"})
    members_with_capacity = ma.fields.Integer(
        **_count, metadata={"description": "members with full capacity"}
    )
    attended = ma.fields.Integer(**_count)
    votes_for = ma.fields.Integer(**_count)
    decisions = ma.fields.List(
        ma.fields.Nested(DecisionIn),
        load_default=list,
        metadata={"description": "membership resolutions only"},
    )
    evidence_ref = ma.fields.String(
        validate=ma.validate.Length(max=200), metadata={"description": "minutes or vote record"}
    )


class ResolutionOut(ma.Schema):
    id = ma.fields.Integer()
    adopted = ma.fields.Boolean()
    collective_code = ma.fields.String()
    body = ma.fields.String()
    subject = ma.fields.String()
    notice_date = ma.fields.Date()
    meeting_date = ma.fields.Date()
    members_total = ma.fields.Integer()
    members_with_capacity = ma.fields.Integer()
    attended = ma.fields.Integer()
    votes_for = ma.fields.Integer()


class RosterQuery(PageQuery):
    status = ma.fields.String(load_default="active", validate=ma.validate.OneOf(ROSTER_STATUSES))
    as_of = ma.fields.Date(metadata={"description": "the roster as it stood on this day"})


class RosterItemOut(ma.Schema):
    membership_id = ma.fields.Integer()
    id_number = ma.fields.String(metadata={"description": "masked (SEC-02)"})
    name = ma.fields.String()
    status = ma.fields.String()
    since = ma.fields.Date()
    ended_on = ma.fields.Date(allow_none=True)
    end_reason = ma.fields.String(allow_none=True)


class RosterPage(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(RosterItemOut))
    total = ma.fields.Integer()


class MembershipOut(ma.Schema):
    membership_id = ma.fields.Integer(attribute="id")
    collective_code = ma.fields.String()
    id_number = ma.fields.Function(lambda m: mask_id_number(m.person.id_number))
    status = ma.fields.String()
    since = ma.fields.Date()
    ended_on = ma.fields.Date(allow_none=True)
    end_reason = ma.fields.String(allow_none=True)


class MembershipPage(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(MembershipOut))
    total = ma.fields.Integer()


class EndIn(ma.Schema):
    reason = ma.fields.String(
        required=True,
        metadata={
            "description": "death, nationality_lost, civil_servant, voluntary_exit or other_legal (MEM-04)"
        },
    )
    date = ma.fields.Date(required=True, metadata={"description": "first day without membership"})
    basis_text = ma.fields.String(
        metadata={"description": "legal or charter basis; required for other_legal"}
    )
    evidence_ref = ma.fields.String(
        validate=ma.validate.Length(max=200),
        metadata={
            "description": "death certificate, nationality document, appointment, or the written exit "
            "application"
        },
    )
    consent_ref = ma.fields.String(
        validate=ma.validate.Length(max=200),
        metadata={"description": "the collective's consent to a voluntary exit"},
    )
    contract_civil_servant = ma.fields.Boolean(metadata={"description": "civil_servant: must be false"})


class RosterChangeOut(ma.Schema):
    id = ma.fields.Integer()
    membership_id = ma.fields.Integer()
    id_number = ma.fields.Function(lambda c: mask_id_number(c.membership.person.id_number))
    name = ma.fields.Function(lambda c: c.membership.person.name)
    kind = ma.fields.String(metadata={"description": "joined or ended"})
    on_date = ma.fields.Date()
    reason = ma.fields.String()
    resolution_id = ma.fields.Integer(allow_none=True)
    filing_id = ma.fields.Integer(allow_none=True)


class RosterChangeQuery(PageQuery):
    filed = ma.fields.Boolean(metadata={"description": "false: changes not yet filed"})


class RosterChangePage(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(RosterChangeOut))
    total = ma.fields.Integer()


class FilingIn(ma.Schema):
    township_ref = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=100),
        metadata={"description": "receipt number of the township filing"},
    )
    county_ref = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=100),
        metadata={"description": "receipt number of the county agricultural bureau"},
    )
    filed_on = ma.fields.Date()
    change_ids = ma.fields.List(
        ma.fields.Integer(strict=True), metadata={"description": "default: every change not yet filed"}
    )


class FilingSummaryOut(ma.Schema):
    id = ma.fields.Integer()
    collective_code = ma.fields.String()
    township_code = ma.fields.String()
    county_code = ma.fields.String()
    township_ref = ma.fields.String()
    county_ref = ma.fields.String()
    filed_on = ma.fields.Date()
    change_count = ma.fields.Integer()
    filed_by = ma.fields.String()


class FilingOut(FilingSummaryOut):
    changes = ma.fields.List(ma.fields.Nested(RosterChangeOut))


class FilingPage(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(FilingSummaryOut))
    total = ma.fields.Integer()


class WithdrawIn(ma.Schema):
    statement_ref = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=200),
        metadata={"description": "the applicant's written request to withdraw"},
    )


class WithdrawnOut(ma.Schema):
    id = ma.fields.Integer()
    status = ma.fields.String()
