"""Household changes from the household page (户籍变动): each form with its evidence, refused forms shown
again as
typed with the Chinese refusal and its rule, done ones flashed and back on the household page, which lists the
household's change register and the corrections with the old value."""

from datetime import timedelta

from sqlalchemy import select

from registry import clock
from registry.db import db
from registry.people.models import Household, HouseholdMember, Person
from tests.factories import VILLAGE_B, make_id_number
from tests.factories_contracts import contracted_family, family
from tests.web.conftest import text

TODAY = clock.today()


def _url(code, kind):
    return f"/clerk/households/{code}/changes/{kind}"


def _members(app, code) -> set[str]:
    with app.app_context():
        return {m.person.id_number for m in db.session.get(Household, code).members if m.left_on is None}


def test_every_change_form_is_offered_from_the_household_page(web, app):
    f = family(app)
    web.login("clerk")
    page = text(web.get(f"/clerk/households/{f.household_code}"))
    for kind in ("add", "leave", "split", "merge", "correct"):
        assert f'href="{_url(f.household_code, kind)}"' in page
        form = text(web.get(_url(f.household_code, kind)))
        assert 'name="evidence_ref"' in form and 'name="csrf_token"' in form
        assert "<script>" not in form and " onclick=" not in form


def test_a_newborn_is_registered_and_joins_the_household_with_its_evidence(web, app):
    f = family(app)
    child = make_id_number(TODAY - timedelta(days=30), "1")
    web.login("clerk")
    r = web.post(
        _url(f.household_code, "add"),
        {
            "id_number": child,
            "name": "王小宝",
            "relation": "20",
            "reason": "birth",
            "evidence_ref": "出生医学证明 A123",
        },
    )
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/clerk/households/{f.household_code}")
    assert child in _members(app, f.household_code)
    page = text(web.get(r.headers["Location"]))
    assert "王小宝" in page and "出生医学证明 A123" in page and "出生" in page


def test_a_change_without_its_evidence_is_refused_and_shown_again_as_typed(web, app):
    f = family(app)
    child = make_id_number(TODAY - timedelta(days=30), "1")
    web.login("clerk")
    r = web.post(
        _url(f.household_code, "add"),
        {"id_number": child, "name": "王小宝", "relation": "20", "reason": "birth", "evidence_ref": ""},
    )
    page = text(r)
    assert r.status_code == 422 and 'value="王小宝"' in page and 'id="f-evidence_ref"' in page
    assert child not in _members(app, f.household_code)


def test_a_person_already_in_another_household_is_refused_per_02(web, app):
    f, other = family(app), family(app)
    web.login("clerk")
    r = web.post(
        _url(f.household_code, "add"),
        {"id_number": other.id_numbers[1], "relation": "10", "reason": "marriage", "evidence_ref": "结婚证"},
    )
    page = text(r)
    assert r.status_code == 409 and "PER-02" in page and "一个公民身份号码只对应一个人" in page
    assert 'value="结婚证"' in page


def test_a_member_leaves_and_the_last_member_cannot_lc_04(web, app):
    f = family(app)
    head, wife, daughter = f.id_numbers
    web.login("clerk")
    r = web.post(
        _url(f.household_code, "leave"),
        {
            "id_number": daughter,
            "reason": "marriage_out",
            "date": TODAY.isoformat(),
            "evidence_ref": "结婚证 B7",
        },
    )
    assert r.status_code == 302
    assert daughter not in _members(app, f.household_code)
    page = text(web.get(f"/clerk/households/{f.household_code}"))
    assert "结婚证 B7" in page and "王小红" in page  # the register names who left
    r = web.post(
        _url(f.household_code, "leave"), {"id_number": head, "reason": "death", "evidence_ref": "死亡证明"}
    )  # the head leaves: no new head named
    assert r.status_code == 422 and 'id="f-new_head_id_number"' in text(r)
    r = web.post(
        _url(f.household_code, "leave"),
        {"id_number": head, "reason": "death", "evidence_ref": "死亡证明", "new_head_id_number": wife},
    )
    assert r.status_code == 302
    r = web.post(
        _url(f.household_code, "leave"), {"id_number": wife, "reason": "moved_out", "evidence_ref": "迁移证"}
    )
    assert r.status_code == 409 and "LC-04" in text(r)
    assert _members(app, f.household_code) == {wife}


def test_a_split_takes_the_chosen_members_and_parcels(web, app):
    c = contracted_family(app, n_parcels=3)
    head, wife, daughter = c.id_numbers
    web.login("clerk")
    form = text(web.get(_url(c.household_code, "split")))
    for code in c.parcel_codes:
        assert f'name="parcel_codes" value="{code}"' in form
    r = web.post(
        _url(c.household_code, "split"),
        {
            "members": [daughter],
            "head_id_number": daughter,
            "parcel_codes": [c.parcel_codes[2]],
            "date": TODAY.isoformat(),
            "evidence_ref": "分户申请 2026-8",
        },
    )
    assert r.status_code == 302, text(r)
    with app.app_context():
        new = db.session.scalar(
            select(HouseholdMember.household_code)
            .join(Person)
            .where(Person.id_number == daughter, HouseholdMember.left_on.is_(None))
        )
    assert new != c.household_code and _members(app, c.household_code) == {head, wife}
    page = text(web.get(f"/clerk/households/{c.household_code}"))
    assert f'href="/clerk/households/{new}"' in page and "分户申请 2026-8" in page
    new_page = text(web.get(f"/clerk/households/{new}"))
    assert c.parcel_codes[2] in new_page and c.parcel_codes[0] not in new_page
    assert c.parcel_codes[0] in page and c.parcel_codes[1] in page and c.parcel_codes[2] not in page


def test_a_split_keeping_the_head_is_refused_and_the_choices_kept(web, app):
    c = contracted_family(app)
    head, _wife, daughter = c.id_numbers
    web.login("clerk")
    r = web.post(
        _url(c.household_code, "split"),
        {
            "members": [daughter],
            "head_id_number": head,
            "parcel_codes": [c.parcel_codes[0]],
            "evidence_ref": "分户申请",
        },
    )
    page = text(r)
    assert r.status_code == 422 and 'id="f-head_id_number"' in page
    assert f'value="{daughter}" checked' in page and f'value="{c.parcel_codes[0]}" checked' in page
    assert _members(app, c.household_code) == set(c.id_numbers)


def test_a_merge_brings_the_other_households_members(web, app):
    f, other = family(app), family(app)
    web.login("clerk")
    r = web.post(
        _url(f.household_code, "merge"),
        {"other_household_code": other.household_code, "evidence_ref": "合户申请 2026-9"},
    )
    assert r.status_code == 302, text(r)
    assert _members(app, f.household_code) == set(f.id_numbers) | set(other.id_numbers)
    assert "合户申请 2026-9" in text(web.get(f"/clerk/households/{f.household_code}"))


def test_a_merge_with_itself_is_refused_per_03(web, app):
    f = family(app)
    web.login("clerk")
    r = web.post(
        _url(f.household_code, "merge"),
        {"other_household_code": f.household_code, "evidence_ref": "合户申请"},
    )
    page = text(r)
    assert r.status_code == 422 and "PER-03" in page and f'value="{f.household_code}"' in page


def test_a_name_correction_keeps_the_old_name_in_the_history(web, app):
    f = family(app)
    web.login("clerk")
    r = web.post(
        _url(f.household_code, "correct"),
        {"id_number": f.id_numbers[1], "name": "李秀瑛", "evidence_ref": "户口簿 第3页"},
    )
    assert r.status_code == 302, text(r)
    page = text(web.get(f"/clerk/households/{f.household_code}"))
    assert '<td class="old-value">李秀英</td>' in page and "李秀瑛" in page and "户口簿 第3页" in page


def test_an_id_number_correction_to_a_bad_number_is_refused_per_01(web, app):
    f = family(app)
    web.login("clerk")
    bad = f.id_numbers[1][:-1] + ("0" if f.id_numbers[1][-1] != "0" else "1")
    r = web.post(
        _url(f.household_code, "correct"),
        {"id_number": f.id_numbers[1], "new_id_number": bad, "evidence_ref": "身份证"},
    )
    page = text(r)
    assert r.status_code == 422 and "PER-01" in page and f'value="{bad}"' in page


def test_another_collectives_household_is_out_of_scope_sec_01(web, app):
    other = family(app, VILLAGE_B)
    web.login("clerk")
    assert web.get(_url(other.household_code, "add")).status_code == 403
    r = web.post(
        _url(other.household_code, "merge"),
        {"other_household_code": other.household_code, "evidence_ref": "x"},
    )
    assert r.status_code == 403
