"""Code lists shown with words (domain.md): data keeps the codes, pages show the label in the user's
language."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from ..codelists import CONTRACT_METHOD, LAND_CLASS, LAND_TYPE, PARCEL_CATEGORY, SEX, Label
from ..people.relations import RELATIONS_EN


class _Shown:
    """A code list's label from registry.codelists, read in the user's language when shown."""

    def __init__(self, label: Label):
        self.label = label

    def __str__(self) -> str:
        loc = get_locale()
        return self.label.en if loc is not None and loc.language == "en" else self.label.zh


def _shown(table: dict[str, Label]) -> dict[str, _Shown]:
    return {code: _Shown(label) for code, label in table.items()}


LABELS: dict[str, dict[str, object]] = {
    "role": {
        "clerk": _l("Collective clerk"),
        "reviewer": _l("County reviewer"),
        "police": _l("Police station"),
        "admin": _l("Administrator"),
    },
    "level": {"township": _l("Township level"), "village": _l("Village level"), "group": _l("Group level")},
    "sex": _shown(SEX),
    "relation": {code: _l(label) for code, label in RELATIONS_EN.items()},  # GB/T 4761
    "basis": {
        "original": _l("Original member"),
        "birth": _l("Born to a member"),
        "marriage": _l("Marriage"),
        "adoption": _l("Adoption"),
        "policy_migration": _l("Policy migration"),
        "other": _l("Other"),
    },
    "end_reason": {
        "death": _l("Death"),
        "nationality_lost": _l("Loss of Chinese nationality"),
        "acquired_other": _l("Confirmed by another collective"),
        "civil_servant": _l("Became a civil servant"),
        "voluntary_exit": _l("Voluntary written exit"),
        "other_legal": _l("Other cause in law or charter"),
        "study": _l("Study"),
        "military_service": _l("Military service"),
        "migrant_work": _l("Migrant work"),
        "business": _l("Business"),
        "marriage": _l("Marriage"),
        "divorce": _l("Divorce"),
        "widowhood": _l("Widowhood"),
        "imprisonment": _l("Imprisonment"),
        "urban_settlement": _l("Urban settlement"),
    },
    "body": {"assembly": _l("Members' assembly"), "representatives": _l("Representatives' assembly")},
    "subject": {
        "membership": _l("Membership confirmation"),
        "share_plan": _l("Share plan"),
        "distribution": _l("Income distribution"),
        "other": _l("Other"),
    },
    "decision": {"confirm": _l("Confirm"), "reject": _l("Do not confirm"), "approve": _l("Approve")},
    "status": {
        "pending": _l("Pending"),
        "confirmed": _l("Confirmed"),
        "rejected": _l("Rejected"),
        "active": _l("Active"),
        "ended": _l("Ended"),
        "publicity": _l("In publicity"),
        "approved": _l("Approved"),
        "pending_review": _l("Waiting for review"),
        "inspection": _l("Open for inspection"),
        "current": _l("Current"),
        "retired": _l("Retired"),
        "open": _l("Open"),
        "resolved": _l("Resolved"),
        "terminated": _l("Terminated"),
        "surrendered": _l("Surrendered"),
        "transferred": _l("Transferred"),
        "issued": _l("Issued"),
        "cancelled": _l("Cancelled"),
        "replaced": _l("Replaced"),
        "distributed": _l("Distributed"),
        "registered": _l("Registered"),
        "superseded": _l("Superseded"),
    },
    "category": _shown(PARCEL_CATEGORY),
    "land_class": _shown(LAND_CLASS),
    "land_type": _shown(LAND_TYPE),
    "method": _shown(CONTRACT_METHOD),
    "terrain": {"plain": _l("Plain or suburb"), "hill": _l("Hill"), "mountain": _l("Mountain")},
    "right": {
        "land_contract": _l("Land contract right"),
        "homestead": _l("Homestead right"),
        "shares": _l("Collective income shares"),
    },
    "hukou_kind": {
        "urban_settlement": _l("Urban settlement"),
        "rural_move_in": _l("Move into a rural area"),
        "birth": _l("Birth"),
        "death": _l("Death"),
        "move_out": _l("Move out"),
    },
    "management": {"static": _l("Static (no change with births and deaths)"), "dynamic": _l("Dynamic")},
    "termination": {
        "expropriation": _l("Expropriation"),
        "destruction": _l("Destruction of the land"),
        "urban_settlement": _l("Urban settlement"),
        "marriage": _l("Marriage"),
        "divorce": _l("Divorce"),
        "widowhood": _l("Widowhood"),
    },
    "register_kind": {
        "initial": _l("First registration"),
        "extension": _l("Extension"),
        "change": _l("Change of holders"),
        "transfer": _l("Transfer"),
        "swap": _l("Swap"),
        "surrender": _l("Surrender"),
        "termination": _l("Termination"),
        "split": _l("Household split"),
        "merge": _l("Household merge"),
        "lease_filed": _l("Management-right transfer filed"),
        "mortgage_filed": _l("Mortgage filed"),
    },
    "payment": {"unpaid": _l("Unpaid"), "paid": _l("Paid"), "returned": _l("Returned")},
    "review_kind": {
        "exit:land_contract": _l("Exit of a land contract"),
        "exit:homestead": _l("Exit of a homestead"),
        "exit:shares": _l("Redemption of shares"),
    },
    "household_change": {
        "member_added": _l("Member joined"),
        "member_left": _l("Member left"),
        "split_off": _l("Split off a new household"),
        "split_from": _l("Split from a household"),
        "merged_in": _l("Merged in another household"),
        "merged_into": _l("Merged into a household"),
    },
    "join_reason": {
        "birth": _l("Birth"),
        "marriage": _l("Marriage"),
        "adoption": _l("Adoption"),
        "return": _l("Return"),
        "correction": _l("Correction of the register"),
    },
    "leave_reason": {
        "death": _l("Death"),
        "marriage_out": _l("Married out"),
        "moved_out": _l("Moved out"),
        "correction": _l("Correction of the register"),
    },
    "corrected_field": {"name": _l("Name"), "id_number": _l("Citizen ID number")},
}


def label(kind: str, code) -> str:
    """The word for a code, or the code itself when the list does not know it."""
    if code is None:
        return ""
    value = LABELS.get(kind, {}).get(str(code))
    return str(value) if value is not None else str(code)


def options(kind: str) -> list[tuple[str, str]]:
    return [(code, str(text)) for code, text in LABELS[kind].items()]


FIELD_LABELS: dict[str, object] = {
    "username": _l("User name"),
    "password": _l("Password"),
    "role": _l("Role"),
    "scope": _l("Scope"),
    "display_name": _l("Display name"),
    "id_number": _l("Citizen ID number"),
    "name": _l("Name"),
    "head_id_number": _l("Head of household"),
    "collective_code": _l("Collective"),
    "relation": _l("Relation to the head"),
    "members": _l("Members"),
    "basis": _l("Basis"),
    "body": _l("Meeting body"),
    "subject": _l("Subject"),
    "notice_date": _l("Notice date"),
    "meeting_date": _l("Meeting date"),
    "members_total": _l("All members"),
    "members_with_capacity": _l("Members with full capacity"),
    "attended": _l("Attended"),
    "votes_for": _l("Votes for"),
    "decisions": _l("Decisions"),
    "decision": _l("Decision"),
    "application_id": _l("Application"),
    "evidence_ref": _l("Evidence reference"),
    "reason": _l("Reason"),
    "date": _l("Date"),
    "basis_text": _l("Legal basis"),
    "geometry": _l("Boundary"),
    "category": _l("Parcel category"),
    "land_class": _l("Land class"),
    "basic_farmland": _l("Basic farmland"),
    "household_code": _l("Household"),
    "method": _l("Contracting method"),
    "land_type": _l("Land type"),
    "start_date": _l("Start date"),
    "end_date": _l("End date"),
    "parcel_codes": _l("Parcels"),
    "terrain": _l("Terrain"),
    "on_arable_land": _l("On arable land"),
    "publicity_start": _l("Publicity start"),
    "publicity_evidence_ref": _l("Publicity evidence"),
    "resolution_id": _l("Resolution"),
    "shares_per_member": _l("Shares per member"),
    "management": _l("Management"),
    "year": _l("Year"),
    "net_income_fen": _l("Net income"),
    "reserve_ratio": _l("Reserve ratio"),
    "inspection_start": _l("Inspection start"),
    "inspection_evidence_ref": _l("Inspection evidence"),
    "from_household_code": _l("From household"),
    "to_household_code": _l("To household"),
    "shares": _l("Shares"),
    "right": _l("Right"),
    "ref": _l("Right code"),
    "holder_id_number": _l("Holder's citizen ID number"),
    "compensation_fen": _l("Compensation"),
    "statement_ref": _l("Holder's written statement"),
    "note": _l("Note"),
    "attest_voluntary": _l("Attestation of voluntariness"),
    "kind": _l("Kind"),
    "text": _l("Objection"),
    "resolution": _l("Resolution of the objection"),
    "code": _l("Code"),
    "_schema": _l("Form"),
    "features": _l("Parcels to import"),
    "document_ref": _l("Document reference"),
    "township_ref": _l("Township filing receipt"),
    "county_ref": _l("County filing receipt"),
    "filed_on": _l("Filing date"),
    "heirs": _l("Heirs"),
    "deceased_id_number": _l("Deceased holder"),
    "new_head_id_number": _l("New head of household"),
    "other_household_code": _l("The other household"),
    "new_id_number": _l("Corrected citizen ID number"),
    "co_holder_statements": _l("Co-holders' written statements"),
}


def readable_params(params: dict | None) -> dict:
    """Message parameters in the user's language: `fields` (a list of field names) as their labels, and any
    other text through the catalogues (a GEOS reason such as "Self-intersection"); codes stay as they are."""
    from flask_babel import gettext

    out = {}
    for key, value in (params or {}).items():
        if key == "fields" and isinstance(value, (list, tuple)):
            value = "、".join(field_label(v) for v in value)
        elif isinstance(value, str) and value:
            value = gettext(value)
        out[key] = value
    return out


def field_label(key: str) -> str:
    """`members.1.id_number` reads as 公民身份号码（第2行）: the field, and which row of a list it is on."""
    parts = str(key).split(".")
    base = FIELD_LABELS.get(parts[-1]) or FIELD_LABELS.get(parts[0])
    text = str(base) if base is not None else str(key)
    rows = [p for p in parts if p.isdigit()]
    if rows:
        from flask_babel import gettext

        text += gettext(" (row %(n)s)", n=int(rows[0]) + 1)
    return text
