"""People, collectives, households, auth and errors through HTTP."""

from datetime import timedelta

from sqlalchemy import text

from registry.db import db
from tests.factories import OTHER_VILLAGE, VILLAGE_A, make_id_number
from registry import clock

ID_A = "11010519491231002X"


def test_a_person_is_registered_with_sex_and_birth_date_derived_per_01(api):
    r = api.post("/api/v1/persons", {"id_number": ID_A, "name": "赵敏"})
    assert r.status_code == 201, r.get_json()
    assert r.get_json() == {"id_number": ID_A, "name": "赵敏", "sex": "2", "birth_date": "1949-12-31"}


def test_a_wrong_check_character_is_refused_per_01(api):
    r = api.post("/api/v1/persons", {"id_number": "110105194912310021", "name": "赵敏"})
    assert r.status_code == 422
    body = r.get_json()
    assert r.mimetype == "application/problem+json"
    assert body["rule"] == "PER-01" and "id_number" in body["errors"]


def test_a_future_birth_date_is_refused_per_01(api):
    future = clock.today() + timedelta(days=30)
    from registry.codes import id_check_char

    first17 = f"410122{future:%Y%m%d}123"
    r = api.post("/api/v1/persons", {"id_number": first17 + id_check_char(first17), "name": "未来"})
    assert r.status_code == 422 and r.get_json()["rule"] == "PER-01"


def test_the_same_number_twice_is_refused_per_02(api):
    assert api.post("/api/v1/persons", {"id_number": ID_A, "name": "赵敏"}).status_code == 201
    r = api.post("/api/v1/persons", {"id_number": ID_A, "name": "赵敏二"})
    assert r.status_code == 409 and r.get_json()["rule"] == "PER-02"


def test_malformed_json_wrong_types_and_unknown_fields_give_422_not_500(api):
    headers = {"Authorization": f"Bearer {api.token('clerk')}", "Content-Type": "application/json"}
    assert api.client.post("/api/v1/persons", data="{not json", headers=headers).status_code == 422
    r = api.post("/api/v1/persons", {"id_number": 12345, "name": ["x"]})
    assert r.status_code == 422 and set(r.get_json()["errors"]) == {"id_number", "name"}
    r = api.post("/api/v1/persons", {"id_number": ID_A, "name": "x", "extra": 1})
    assert r.status_code == 422 and "extra" in r.get_json()["errors"]
    r = api.post("/api/v1/households", {"collective_code": VILLAGE_A, "head_id_number": ID_A, "members": "x"})
    assert r.status_code == 422


def test_unknown_paths_and_methods_are_problem_json(api):
    r = api.get("/api/v1/nothing-here")
    assert r.status_code == 404 and r.mimetype == "application/problem+json"
    r = api.client.delete("/api/v1/rules")
    assert r.status_code == 405 and r.mimetype == "application/problem+json"


def _person(api, name="户主", sex="1"):
    number = make_id_number(sex=sex)
    assert api.post("/api/v1/persons", {"id_number": number, "name": name}).status_code == 201
    return number


def test_a_household_gets_the_next_code_of_its_collective_per_03(api):
    head, wife = _person(api, "王建国"), _person(api, "李秀英", "2")
    r = api.post(
        "/api/v1/households",
        {
            "collective_code": VILLAGE_A,
            "head_id_number": head,
            "members": [{"id_number": wife, "relation": "10"}],
        },
    )
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    assert body["code"] == VILLAGE_A + "0001"
    assert [m["relation"] for m in body["members"]] == ["02", "10"]
    assert all("*" in m["id_number"] for m in body["members"])  # SEC-02: masked in lists
    second = api.post("/api/v1/households", {"collective_code": VILLAGE_A, "head_id_number": _person(api)})
    assert second.get_json()["code"] == VILLAGE_A + "0002"
    got = api.get(f"/api/v1/households/{body['code']}")
    assert got.status_code == 200 and len(got.get_json()["members"]) == 2


def test_a_person_cannot_be_in_two_current_households(api):
    head = _person(api)
    assert (
        api.post("/api/v1/households", {"collective_code": VILLAGE_A, "head_id_number": head}).status_code
        == 201
    )
    r = api.post("/api/v1/households", {"collective_code": VILLAGE_A, "head_id_number": head})
    assert r.status_code == 409


def test_a_clerk_cannot_write_outside_their_collective_sec_01(api, world):
    head = _person(api)
    r = api.post("/api/v1/households", {"collective_code": world.village_b, "head_id_number": head})
    assert r.status_code == 403 and r.get_json()["rule"] == "SEC-01"
    r = api.post(
        "/api/v1/households", {"collective_code": world.village_b, "head_id_number": head}, as_="clerk_b"
    )
    assert r.status_code == 201


def test_police_cannot_register_persons_sec_01(api):
    r = api.post("/api/v1/persons", {"id_number": ID_A, "name": "x"}, as_="police")
    assert r.status_code == 403


def test_collectives_are_created_by_a_reviewer_of_the_county_only_sec_01(api):
    body = {"code": "41012210000300", "name": "南村股份经济合作社", "level": "village"}
    assert api.post("/api/v1/collectives", body, as_="clerk").status_code == 403
    assert api.post("/api/v1/collectives", body, as_="reviewer_other").status_code == 403
    r = api.post("/api/v1/collectives", body, as_="reviewer")
    assert r.status_code == 201
    assert r.get_json() == {**body, "county_code": "410122"}
    assert api.get("/api/v1/collectives/41012210000300", as_="reviewer").status_code == 200
    assert api.get("/api/v1/collectives/41012210000300", as_="reviewer_other").status_code == 403
    assert api.post("/api/v1/collectives", body, as_="reviewer").status_code == 409


def test_a_collective_level_must_match_its_code_per_03(api):
    r = api.post(
        "/api/v1/collectives", {"code": "41012210000301", "name": "组", "level": "village"}, as_="reviewer"
    )
    assert r.status_code == 422 and r.get_json()["rule"] == "PER-03"


def test_wrong_password_gives_401_and_no_token(client, world):
    r = client.post("/api/v1/auth/token", json={"username": "clerk", "password": "wrong"})
    assert r.status_code == 401 and r.mimetype == "application/problem+json"


def test_missing_or_unknown_tokens_give_401(api):
    assert api.client.get(f"/api/v1/collectives/{VILLAGE_A}").status_code == 401
    r = api.client.get(f"/api/v1/collectives/{VILLAGE_A}", headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401


def test_an_expired_token_is_refused_sec_03(api, app):
    """SEC-03: tokens expire."""
    token = api.token("clerk")
    assert api.get(f"/api/v1/collectives/{VILLAGE_A}").status_code == 200
    with app.app_context():
        db.session.execute(
            text("UPDATE api_tokens SET expires_at = :t"), {"t": clock.now() - timedelta(seconds=1)}
        )
        db.session.commit()
    r = api.client.get(f"/api/v1/collectives/{VILLAGE_A}", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 401


def test_tokens_and_passwords_are_stored_hashed_sec_03(api, app):
    """SEC-03: passwords with argon2, tokens as SHA-256 digests."""
    token = api.token("clerk")
    with app.app_context():
        stored = db.session.execute(text("SELECT token_hash FROM api_tokens")).scalars().all()
        pw = db.session.execute(text("SELECT password_hash FROM users WHERE username='clerk'")).scalar()
    assert token not in stored and len(stored[0]) == 64
    assert pw.startswith("$argon2")


def test_out_of_county_collective_is_forbidden_for_a_reviewer(api):
    assert api.get(f"/api/v1/collectives/{OTHER_VILLAGE}", as_="reviewer").status_code == 403
    assert api.get(f"/api/v1/collectives/{OTHER_VILLAGE}", as_="reviewer_other").status_code == 200


def test_rules_catalogue_and_openapi_are_served(client):
    r = client.get("/api/v1/rules")
    items = r.get_json()["items"]
    assert r.status_code == 200 and {"PER-01", "UR-02", "RS-02"} <= {i["id"] for i in items}
    assert set(items[0]) == {"id", "text_zh", "text_en", "source"}
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "/api/v1/persons" in spec["paths"]
    assert client.get("/api/v1/docs").status_code == 200


def test_every_api_view_declares_its_access_sec_01(app):
    undeclared = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/") or rule.endpoint.startswith("api-docs."):
            continue
        view = app.view_functions[rule.endpoint]
        cls = getattr(view, "view_class", None)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            fn = getattr(cls, method.lower(), None) if cls else view
            if not getattr(fn, "_access", None):
                undeclared.append(f"{method} {rule.rule}")
    assert undeclared == []


def test_errors_speak_chinese_by_default_and_english_on_request(api):
    r = api.post("/api/v1/persons", {"id_number": "110105194912310021", "name": "x"})
    assert r.get_json()["detail"] == "公民身份号码校验码错误。"
    r = api.client.post(
        "/api/v1/persons?lang=en",
        json={"id_number": "110105194912310021", "name": "x"},
        headers={"Authorization": f"Bearer {api.token('clerk')}"},
    )
    assert r.get_json()["detail"] == "The check character of the citizen ID number is wrong."
