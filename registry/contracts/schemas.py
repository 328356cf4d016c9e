import marshmallow as ma

from ..codes import mask_id_number
from ..exits.schemas import CO_HOLDER_STATEMENTS
from .leases import ID_TYPES
from .models import LAND_TYPES, LEASE_MODES, METHODS, OTHER_METHODS

CODES = ma.fields.List(
    ma.fields.String(),
    required=True,
    validate=ma.validate.Length(min=1),
    metadata={"description": "19-digit parcel codes (地块编码)"},
)
DATE = ma.fields.Date(
    load_default=None, metadata={"description": "the day the change takes effect; default today"}
)
REF = ma.fields.String(load_default=None, validate=ma.validate.Length(max=200))
REQUIRED_REF = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=200))
REASON = ma.fields.String(load_default=None, validate=ma.validate.Length(max=2000))


class ContractIn(ma.Schema):
    household_code = ma.fields.String(required=True, metadata={"description": "18-digit 承包方编码"})
    method = ma.fields.String(
        required=True, validate=ma.validate.OneOf(["110"]), metadata={"description": "承包方式: 110 家庭承包"}
    )
    land_type = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(LAND_TYPES),
        metadata={"description": "arable 30 years, grassland 30-50, forest 30-70 (LC-02)"},
    )
    start_date = ma.fields.Date(required=True)
    end_date = ma.fields.Date(
        required=True, metadata={"description": "last day of the term (or its anniversary)"}
    )
    parcel_codes = CODES
    document_ref = REF


class ContractAsOfQuery(ma.Schema):
    as_of = ma.fields.Date(
        load_default=None, metadata={"description": "read the contract as it stood on this date"}
    )


class ContractHolderOut(ma.Schema):
    id_number = ma.fields.Function(
        lambda p: mask_id_number(p.id_number), metadata={"description": "masked (SEC-02)"}
    )
    name = ma.fields.String()
    sex = ma.fields.String(metadata={"description": "1 男, 2 女"})


class ContractOut(ma.Schema):
    code = ma.fields.String(attribute="contract.code", metadata={"description": "household code + J"})
    status = ma.fields.String(metadata={"description": "active | expired | ended"})
    as_of = ma.fields.Date()
    household_code = ma.fields.String(attribute="contract.household_code")
    issuer_code = ma.fields.String(
        attribute="contract.collective_code", metadata={"description": "发包方编码"}
    )
    method = ma.fields.String(attribute="contract.method")
    method_label = ma.fields.Function(lambda s: {**METHODS, **OTHER_METHODS}[s.contract.method])
    land_type = ma.fields.String()
    start_date = ma.fields.Date(attribute="term_start")
    end_date = ma.fields.Date(attribute="term_end")
    end_reason = ma.fields.String(allow_none=True)
    parcel_codes = ma.fields.Function(lambda s: [p.code for p in s.parcels])
    area_m2 = ma.fields.Float(metadata={"description": "geodesic, CGCS2000"})
    area_mu = ma.fields.Float(metadata={"description": "1 mu = 2000/3 m²"})
    right_holders = ma.fields.List(
        ma.fields.Nested(ContractHolderOut),
        attribute="holders",
        metadata={"description": "every household member sharing the right (LC-04)"},
    )


class ContractEntryOut(ma.Schema):
    seq = ma.fields.Integer()
    date = ma.fields.Date(attribute="entry_date")
    kind = ma.fields.String()
    actor = ma.fields.String()
    reason = ma.fields.String(allow_none=True)
    document_ref = ma.fields.String(allow_none=True)
    term_start = ma.fields.Date(allow_none=True)
    term_end = ma.fields.Date(allow_none=True)
    land_type = ma.fields.String(allow_none=True)
    details = ma.fields.Dict(allow_none=True)
    recorded_at = ma.fields.DateTime()


class ContractRegisterPage(ma.Schema):
    code = ma.fields.String()
    items = ma.fields.List(ma.fields.Nested(ContractEntryOut))
    total = ma.fields.Integer()


class ContractTransferIn(ma.Schema):
    to_household_code = ma.fields.String(required=True)
    parcel_codes = CODES
    issuer_consent = ma.fields.Boolean(required=True, metadata={"description": "the issuer consents (LC-07)"})
    document_ref = REQUIRED_REF
    date = DATE


class ContractTransferOut(ma.Schema):
    contract = ma.fields.Nested(ContractOut)
    to_contract = ma.fields.Nested(ContractOut)


class ContractSwapIn(ma.Schema):
    other_contract_code = ma.fields.String(required=True)
    parcel_codes = CODES
    other_parcel_codes = CODES
    document_ref = REF
    date = DATE


class ContractSwapOut(ma.Schema):
    contract = ma.fields.Nested(ContractOut)
    other_contract = ma.fields.Nested(ContractOut)


class SurrenderIn(ma.Schema):
    notice_date = ma.fields.Date(required=True, metadata={"description": "the holder's written notice"})
    effective_date = ma.fields.Date(
        required=True, metadata={"description": "≥ 6 months after notice (LC-06)"}
    )
    compensation_fen = ma.fields.Integer(required=True, strict=True)
    statement_ref = ma.fields.String(required=True, validate=ma.validate.Length(max=200))
    reason = ma.fields.String(required=True, validate=ma.validate.Length(max=2000))
    holder_id_number = ma.fields.String(load_default=None, metadata={"description": "default: the head"})
    co_holder_statements = CO_HOLDER_STATEMENTS


class SurrenderOut(ma.Schema):
    id = ma.fields.Integer()
    status = ma.fields.String()
    linkage_flag = ma.fields.Boolean()


class TerminationIn(ma.Schema):
    reason = ma.fields.String(required=True, metadata={"description": "expropriation | destruction (LC-05)"})
    date = DATE
    document_ref = REF
    parcel_codes = ma.fields.List(
        ma.fields.String(), load_default=None, metadata={"description": "only these parcels; default all"}
    )


class ContractChangeIn(ma.Schema):
    date = DATE
    document_ref = REF
    reason = REASON


class LesseeIn(ma.Schema):
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=100))
    id_type = ma.fields.String(
        required=True, metadata={"description": ", ".join(f"{k} {v}" for k, v in ID_TYPES.items())}
    )
    id_number = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=40))


class LeaseIn(ma.Schema):
    lessee = ma.fields.Nested(LesseeIn, required=True)
    parcel_codes = CODES
    mode = ma.fields.String(required=True, validate=ma.validate.OneOf(LEASE_MODES))
    start_date = ma.fields.Date(required=True)
    end_date = ma.fields.Date(
        required=True, metadata={"description": "no later than the contract's end (LC-09)"}
    )
    land_use = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(["1", "2", "3", "4", "5"]),
        metadata={"description": "1 种植业 2 林业 3 畜牧业 4 渔业; 5 非农业 is refused (LC-09)"},
    )
    price_fen = ma.fields.Integer(required=True, strict=True, validate=ma.validate.Range(min=0))
    contract_ref = ma.fields.String(
        load_default=None,
        validate=ma.validate.Length(max=200),
        metadata={"description": "the written transfer contract"},
    )


class ReLeaseIn(LeaseIn):
    parcel_codes = ma.fields.List(
        ma.fields.String(), load_default=None, metadata={"description": "default: all parcels of the lease"}
    )
    holder_consent_ref = ma.fields.String(
        load_default=None,
        validate=ma.validate.Length(max=200),
        metadata={"description": "the holder's written consent (LC-10)"},
    )


class LesseeOut(ma.Schema):
    kind = ma.fields.String(
        attribute="lessee_kind", metadata={"description": "member | person | organisation"}
    )
    name = ma.fields.String(attribute="lessee_name")
    id_type = ma.fields.String(attribute="lessee_id_type")
    id_number = ma.fields.Function(
        lambda lease: (
            mask_id_number(lease.lessee_id_number) if lease.lessee_id_type == "1" else lease.lessee_id_number
        )
    )


class LeaseOut(ma.Schema):
    code = ma.fields.String(metadata={"description": "18-digit 流转合同编码"})
    contract_code = ma.fields.String(attribute="contract.code")
    re_lease_of = ma.fields.Function(lambda lease: lease.parent.code if lease.parent else None)
    lessee = ma.fields.Function(lambda lease: LesseeOut().dump(lease))
    parcel_codes = ma.fields.Function(lambda lease: [p.code for p in lease.parcels])
    mode = ma.fields.String()
    start_date = ma.fields.Date()
    end_date = ma.fields.Date()
    land_use = ma.fields.String()
    price_fen = ma.fields.Integer()
    registrable = ma.fields.Boolean(metadata={"description": "term of 5 years or more (LC-09)"})
    contract_ref = ma.fields.String(allow_none=True)
    holder_consent_ref = ma.fields.String(allow_none=True)
    filed_on = ma.fields.Date()


class LeasePage(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(LeaseOut))
    total = ma.fields.Integer()


class MortgageIn(ma.Schema):
    creditor_name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=100))
    amount_fen = ma.fields.Integer(required=True, strict=True, validate=ma.validate.Range(min=1))
    start_date = ma.fields.Date(required=True)
    end_date = ma.fields.Date(required=True)
    holder_consent_ref = ma.fields.String(load_default=None, validate=ma.validate.Length(max=200))
    document_ref = REF


class MortgageOut(ma.Schema):
    id = ma.fields.Integer()
    lease_code = ma.fields.String(attribute="lease.code")
    creditor_name = ma.fields.String()
    amount_fen = ma.fields.Integer()
    start_date = ma.fields.Date()
    end_date = ma.fields.Date()
    holder_consent_ref = ma.fields.String()
    filed_on = ma.fields.Date()
