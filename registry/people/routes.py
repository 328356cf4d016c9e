from flask.views import MethodView
from flask_smorest import Blueprint

from ..api import commit
from ..auth.guard import current_actor, requires
from ..db import db
from . import corrections, household_changes, household_splits, services
from .schemas import (
    CorrectedPersonOut,
    CorrectionIn,
    HouseholdChangesOut,
    HouseholdIn,
    HouseholdMergeIn,
    HouseholdOut,
    HouseholdSplitIn,
    MemberAddIn,
    MemberLeaveIn,
    PersonIn,
    PersonOut,
)

persons = Blueprint("persons", __name__, url_prefix="/api/v1/persons", description="自然人")
households = Blueprint("households", __name__, url_prefix="/api/v1/households", description="农户")


@persons.route("")
class Persons(MethodView):
    @requires("clerk", "reviewer")
    @persons.arguments(PersonIn)
    @persons.response(201, PersonOut)
    def post(self, data):
        """Register a person by 公民身份号码 (PER-01, PER-02)."""
        person = services.register_person(db.session, current_actor(), data["id_number"], data["name"])
        commit()
        return person


@persons.route("/<id_number>")
class PersonItem(MethodView):
    @requires("clerk", "reviewer")
    @persons.response(200, PersonOut)
    def get(self, id_number):
        """One person, looked up by the full number; only within your scope (SEC-01)."""
        return services.get_person(db.session, current_actor(), id_number)


@households.route("")
class Households(MethodView):
    @requires("clerk")
    @households.arguments(HouseholdIn)
    @households.response(201, HouseholdOut)
    def post(self, data):
        """Register a household; the code comes from the collective's sequence (PER-03)."""
        h = services.create_household(
            db.session, current_actor(), data["collective_code"], data["head_id_number"], data["members"]
        )
        commit()
        return h


@households.route("/<code>")
class HouseholdItem(MethodView):
    @requires("clerk", "reviewer")
    @households.response(200, HouseholdOut)
    def get(self, code):
        """One household with its current members (ID numbers masked)."""
        return services.get_household(db.session, current_actor(), code)


def _corrected(person):
    return {
        "id_number": person.id_number,
        "name": person.name,
        "sex": person.sex,
        "birth_date": person.birth_date,
        "corrections": corrections.corrections_of(db.session, person),
    }


@persons.route("/<id_number>/corrections")
class PersonCorrections(MethodView):
    @requires("clerk", "reviewer")
    @persons.arguments(CorrectionIn)
    @persons.response(200, CorrectedPersonOut)
    def post(self, data, id_number):
        """更正: correct the name and/or ID number on a document; the old values are kept."""
        person = corrections.correct_person(
            db.session,
            current_actor(),
            id_number,
            name=data["name"],
            new_id_number=data["id_number"],
            evidence_ref=data["evidence_ref"],
            on=data["date"],
        )
        commit()
        return _corrected(person)

    @requires("clerk", "reviewer")
    @persons.response(200, CorrectedPersonOut)
    def get(self, id_number):
        """The person with every correction made to them, oldest first."""
        return _corrected(services.person_by_id_number(db.session, id_number))


@households.route("/<code>/members")
class HouseholdMembers(MethodView):
    @requires("clerk")
    @households.arguments(MemberAddIn)
    @households.response(201, HouseholdOut)
    def post(self, data, code):
        """入户: birth, marriage, adoption, return or correction; the contract's co-holders follow (LC-04)."""
        member = household_changes.add_member(db.session, current_actor(), code, on=data.pop("date"), **data)
        commit()
        return member.household


@households.route("/<code>/members/<id_number>/leave")
class HouseholdMemberLeave(MethodView):
    @requires("clerk")
    @households.arguments(MemberLeaveIn)
    @households.response(200, HouseholdOut)
    def post(self, data, code, id_number):
        """出户: death, marriage out, moving out or correction, dated; the contract's co-holders follow
        (LC-04)."""
        household = household_changes.remove_member(
            db.session, current_actor(), code, id_number, on=data.pop("date"), **data
        )
        commit()
        return household


@households.route("/<code>/split")
class HouseholdSplit(MethodView):
    @requires("clerk")
    @households.arguments(HouseholdSplitIn)
    @households.response(201, HouseholdOut)
    def post(self, data, code):
        """分户: the leaving members form a new household; its contract holds exactly the parcels named."""
        new = household_splits.split_household(db.session, current_actor(), code, on=data.pop("date"), **data)
        commit()
        return new


@households.route("/<code>/merge")
class HouseholdMerge(MethodView):
    @requires("clerk")
    @households.arguments(HouseholdMergeIn)
    @households.response(200, HouseholdOut)
    def post(self, data, code):
        """合户: every member of the other household joins this one with its contract land."""
        household = household_splits.merge_households(
            db.session, current_actor(), code, on=data.pop("date"), **data
        )
        commit()
        return household


@households.route("/<code>/changes")
class HouseholdChanges(MethodView):
    @requires("clerk", "reviewer")
    @households.response(200, HouseholdChangesOut)
    def get(self, code):
        """The household's register of changes (户籍变动登记), oldest first."""
        items = household_changes.history(db.session, current_actor(), code)
        return {"items": items, "total": len(items)}
