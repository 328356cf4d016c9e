from flask.views import MethodView
from flask_smorest import Blueprint

from ..api import commit
from ..auth.guard import current_actor, requires
from ..db import db
from . import services
from .schemas import HouseholdIn, HouseholdOut, PersonIn, PersonOut

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
        h = services.create_household(db.session, current_actor(), data["collective_code"],
                                      data["head_id_number"], data["members"])
        commit()
        return h


@households.route("/<code>")
class HouseholdItem(MethodView):
    @requires("clerk", "reviewer")
    @households.response(200, HouseholdOut)
    def get(self, code):
        """One household with its current members (ID numbers masked)."""
        return services.get_household(db.session, current_actor(), code)
