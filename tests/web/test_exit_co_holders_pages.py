"""UR-06 in the web: the clerk's exit form and the contract's surrender form list every adult co-holder of the
household's right (by name, ID number masked) with a field for their written statement, and send those as
`co_holder_statements`; a missing statement is refused with UR-06 and the form shown again as typed."""

from sqlalchemy import select

from registry import clock
from registry.codes import mask_id_number
from registry.contracts.terms import add_months
from registry.db import db
from registry.exits.models import Exit
from tests.factories_contracts import contracted_family
from tests.web.conftest import text

TODAY = clock.today()


def _filed(app, ref) -> list[dict]:
    with app.app_context():
        return [e.details or {} for e in db.session.scalars(select(Exit).where(Exit.ref == ref))]


def _exit_form(c, holder, statements: dict[int, str]):
    data = {
        "right": "land_contract",
        "ref": c.contract_code,
        "holder_id_number": holder,
        "compensation_fen": "8000.00",
        "statement_ref": "退出申请书 2026-5",
        "reason": "自愿有偿退出",
    }
    data.update({f"co_holder_statements.{i}.statement_ref": ref for i, ref in statements.items()})
    return data


def test_exit_form_lists_the_adult_co_holders_masked_ur_06(web, app):
    c = contracted_family(app)
    web.login("clerk")
    page = text(web.get(f"/clerk/exits?right=land_contract&ref={c.contract_code}"))
    for number in c.id_numbers:
        assert mask_id_number(number) in page and number not in page
    assert 'name="co_holder_statements.2.statement_ref"' in page and "UR-06" in page


def test_exit_without_every_co_holders_statement_is_refused_ur_06(web, app):
    c = contracted_family(app)
    head, _wife, daughter = c.id_numbers  # listed oldest first: head 0, wife 1, daughter 2
    web.login("clerk")
    r = web.post("/clerk/exits", _exit_form(c, head, {1: "书面同意 甲"}))  # the daughter's statement missing
    page = text(r)
    assert r.status_code == 422 and "UR-06" in page and mask_id_number(daughter) in page
    assert f"缺少 {mask_id_number(daughter)} 的书面意见" in page  # the field note in Chinese
    assert 'value="书面同意 甲"' in page and 'value="退出申请书 2026-5"' in page  # shown again as typed
    assert _filed(app, c.contract_code) == []


def test_exit_with_every_other_adult_co_holders_statement_is_filed_ur_06(web, app):
    c = contracted_family(app)
    _head, _wife, daughter = c.id_numbers
    web.login("clerk")
    r = web.post("/clerk/exits", _exit_form(c, daughter, {0: "书面同意 甲", 1: "书面同意 乙"}))
    assert r.status_code == 302, text(r)
    (details,) = _filed(app, c.contract_code)
    assert {s["statement_ref"] for s in details["co_holder_statements"]} == {"书面同意 甲", "书面同意 乙"}


def _surrender_form(statements: dict[int, str]):
    data = {
        "notice_date": TODAY.isoformat(),
        "effective_date": add_months(TODAY, 6).isoformat(),
        "compensation_fen": "5000",
        "statement_ref": "交回申请 2026-6",
        "reason": "自愿交回",
    }
    data.update({f"co_holder_statements.{i}.statement_ref": ref for i, ref in statements.items()})
    return data


def test_surrender_without_the_co_holders_statements_is_refused_ur_06(web, app):
    c = contracted_family(app)
    web.login("clerk")
    page = text(web.get(f"/clerk/contracts/{c.contract_code}"))
    assert 'name="co_holder_statements.1.statement_ref"' in page
    r = web.post(f"/clerk/contracts/{c.contract_code}", _surrender_form({1: "书面同意 乙"}))
    page = text(r)
    assert r.status_code == 422 and "UR-06" in page and mask_id_number(c.id_numbers[2]) in page
    assert 'value="书面同意 乙"' in page and _filed(app, c.contract_code) == []


def test_surrender_with_the_co_holders_statements_is_filed_ur_06(web, app):
    c = contracted_family(app)
    web.login("clerk")  # no holder named: the head signs, the wife and the daughter give their statements
    r = web.post(f"/clerk/contracts/{c.contract_code}", _surrender_form({1: "书面同意 乙", 2: "书面同意 丙"}))
    assert r.status_code == 302, text(r)
    (details,) = _filed(app, c.contract_code)
    assert len(details["co_holder_statements"]) == 2


def test_listing_the_co_holders_files_nothing_ur_06(web, app):
    c = contracted_family(app)
    web.login("clerk")
    r = web.post("/clerk/exits", {"right": "land_contract", "ref": c.contract_code, "lookup": "1"})
    page = text(r)
    assert r.status_code == 200 and 'name="co_holder_statements.2.statement_ref"' in page
    assert f'value="{c.contract_code}"' in page and _filed(app, c.contract_code) == []
