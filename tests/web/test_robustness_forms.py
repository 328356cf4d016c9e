"""Web forms never answer 500 on plain bad input: a too-long name, a long reference number, a number ≥ 2^31
or a tampered `rows` field shows the form again with what was typed and a Chinese note."""

from __future__ import annotations

import time

from sqlalchemy import select

from registry.db import db
from registry.people.models import Household
from tests.factories import make_id_number
from tests.web.conftest import text


def _household_form(rows, count=None):
    data = {"rows": str(len(rows) if count is None else count)}
    for i, (number, name, relation) in enumerate(rows):
        data[f"members.{i}.id_number"] = number
        data[f"members.{i}.name"] = name
        data[f"members.{i}.relation"] = relation
    return data


def test_a_name_over_100_characters_shows_the_form_again_with_what_was_typed(web, app):
    web.login("clerk")
    head, long_name = make_id_number(), "赵" * 101
    r = web.post("/clerk/households/new", _household_form([(head, long_name, "")]))
    page = text(r)
    assert r.status_code == 422
    assert head in page and long_name in page and "最多100个字符" in page
    assert 'id="f-members.0.name"' in page
    with app.app_context():
        assert db.session.scalar(select(Household)) is None


def test_a_name_of_100_characters_is_registered(web, app):
    web.login("clerk")
    r = web.post("/clerk/households/new", _household_form([(make_id_number(), "赵" * 100, "")]))
    assert r.status_code == 302


def test_a_tampered_rows_field_is_bounded_and_never_a_500(web):
    web.login("clerk")
    head = make_id_number()
    for rows in ("abc", "-3", "1e9"):
        r = web.post("/clerk/households/new", _household_form([(head, "赵大山", "")], count=rows))
        assert r.status_code < 500, rows  # the first registers the household, the others meet PER-02
    started = time.monotonic()
    r = web.post(
        "/clerk/households/new", _household_form([(make_id_number(), "钱小梅", "")], count="1000000")
    )
    assert r.status_code in (302, 422) and time.monotonic() - started < 1.0


def test_a_number_beyond_2_31_and_a_long_reference_are_refused_at_their_fields(web):
    web.login("clerk")
    r = web.post(
        "/clerk/shares",
        {
            "action": "transfer",
            "from_household_code": "410122100001000001",
            "to_household_code": "410122100001000002",
            "shares": str(2**63),
            "document_ref": "X" * 5000,
        },
    )
    page = text(r)
    assert r.status_code == 422
    assert "不得超过9223372036854775807" in page and "最多200个字符" in page and "证明文件编号" in page
    r = web.post(
        "/clerk/shares",
        {"action": "distribution", "year": str(2**31), "net_income_fen": "10000", "reserve_ratio": "0.30"},
    )
    page = text(r)
    assert r.status_code == 422 and "不得超过2147483647" in page


def test_roster_search_takes_percent_and_underscore_literally(web, app):
    from tests.factories import VILLAGE_A, make_family

    with app.app_context():
        make_family(db.session, VILLAGE_A)
        db.session.commit()
    web.login("clerk")
    assert "共 0 人" in text(web.get("/clerk/roster?q=%25"))
    assert "共 0 人" in text(web.get("/clerk/roster?q=_"))
    assert "王建国" not in text(web.get("/clerk/households?q=%25"))
    assert "王建国" in text(web.get("/clerk/households?q=王建国"))
    assert "共 1 人" in text(web.get("/clerk/roster?q=王建国"))
