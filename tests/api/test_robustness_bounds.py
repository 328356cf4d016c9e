"""No 5xx on plain bad input: path and query integers beyond their columns, control characters and over-long
strings are refused with the field named before the database sees them (registry/bounds.py)."""

from __future__ import annotations

from tests.factories import make_id_number


def _problem(r, status):
    assert r.status_code == status, r.get_data(as_text=True)
    assert r.mimetype == "application/problem+json"
    return r.get_json()


def test_a_path_id_beyond_the_integer_column_is_404(api):
    for url in ("/api/v1/homestead-rights/121645100408831999", "/api/v1/distributions/5426450392332479"):
        _problem(api.get(url), 404)
    _problem(api.post("/api/v1/distributions/5426450392332479/approve", json={}), 404)


def test_a_path_id_within_the_column_still_routes(api):
    _problem(api.get("/api/v1/distributions/2147483647"), 404)  # routed, then not found by the service
    assert api.get("/api/v1/distributions/2147483648").status_code == 404


def test_a_query_integer_beyond_its_type_is_422_with_the_field_named(api):
    body = _problem(api.get("/api/v1/parcels?page=36893488147419103232"), 422)
    assert "page" in body["errors"]


def test_nul_and_control_characters_are_refused_with_the_field_named(api):
    body = _problem(
        api.post("/api/v1/persons", json={"id_number": make_id_number(), "name": "张\x00三"}), 422
    )
    assert list(body["errors"]) == ["name"]
    body = _problem(
        api.post("/api/v1/persons", json={"id_number": make_id_number(), "name": "张\x1b三"}), 422
    )
    assert "name" in body["errors"]


def test_a_name_longer_than_its_column_is_refused_with_the_field_named(api):
    body = _problem(
        api.post("/api/v1/persons", json={"id_number": make_id_number(), "name": "张" * 101}), 422
    )
    assert body["errors"] == {"name": ["at most 100 characters"]} or "name" in body["errors"]
    r = api.post("/api/v1/persons", json={"id_number": make_id_number(), "name": "张" * 100})
    assert r.status_code == 201, r.get_json()


def test_nul_in_a_query_string_or_path_is_not_a_server_error(api):
    assert api.get("/api/v1/parcels?q=%00").status_code in (200, 422)
    assert api.get("/api/v1/persons/%00").status_code in (404, 422)


def test_a_data_error_that_still_reaches_the_database_is_422(app, ctx, session):
    """The last line (sqlalchemy handle_error): a DataError is the input's fault, an InvalidInput."""
    import pytest
    from sqlalchemy import text

    from registry.errors import InvalidInput

    with pytest.raises(InvalidInput):
        session.execute(text("SELECT CAST(:v AS integer)"), {"v": str(2**40)})
    session.rollback()


def test_the_flush_check_names_the_column(app, ctx, session):
    import pytest

    from registry.errors import InvalidInput
    from registry.people.models import Person

    session.add(Person(id_number=make_id_number(), name="x" * 101, sex="1"))
    with pytest.raises(InvalidInput) as err:
        session.flush()
    assert "name" in err.value.errors
    session.rollback()
