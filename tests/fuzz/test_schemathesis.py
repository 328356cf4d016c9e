"""schemathesis over every operation of /api/v1/openapi.json, as clerk and as admin: no input gives a 5xx.

Bounded for the suite (a few examples per operation and mode, ~1 minute); `make fuzz` sets
REGISTRY_FUZZ_EXAMPLES for the long run. Valid (positive) and invalid (negative) inputs are both generated.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from registry.db import db
from tests import factories

STATUSES: dict[int, int] = {}
EXAMPLES = int(os.environ.get("REGISTRY_FUZZ_EXAMPLES", "4"))
LONG_RUN = "REGISTRY_FUZZ_EXAMPLES" in os.environ  # make fuzz: random, not the same examples every time
SKIP = {("POST", "/api/v1/auth/token")}  # rate-limited sign-in; tested on its own


@pytest.fixture
def populated(app, world):
    with app.app_context():
        s = db.session
        head = factories.make_person(s)
        household = factories.make_household(s, world.village_a, head)
        factories.make_member(s, head, world.village_a)
        factories.make_parcel(s, world.village_a, factories.square(113.90, 34.70))
        s.commit()
        code = household.code
        s.remove()
    return code


def _server_errors(app, token: str, examples: int) -> list[str]:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    found: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if (operation.method.upper(), operation.path) in SKIP:
            continue
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(
                max_examples=examples,
                deadline=None,
                database=None,
                derandomize=not LONG_RUN,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case):
                response = case.call(headers={"Authorization": f"Bearer {token}"})
                STATUSES[response.status_code] = STATUSES.get(response.status_code, 0) + 1
                if response.status_code >= 500:
                    found.append(
                        f"{case.method} {case.formatted_path} query={case.query} body={case.body!r}"
                        f" → {response.status_code}"
                    )

            try:
                run()
            except Unsatisfiable:  # nothing to make invalid (an operation without parameters)
                pass
    return found


@pytest.mark.parametrize("role", ["clerk", "admin"])
def test_no_operation_answers_a_server_error(app, api, populated, role):
    found = _server_errors(app, api.token(role), EXAMPLES)
    assert not found, "\n".join(found[:30])
    assert STATUSES.get(200, 0) > 0  # the tokens worked: operations were reached, not only refused
