"""更正 of a person's name or ID number: the old value is kept in the person's history, the new number is
checked like any other (PER-01, PER-02), and the document is named."""

from tests.factories import make_id_number
from tests.factories_contracts import contracted_family, family

URL = "/api/v1/persons"


def test_a_name_correction_keeps_the_old_name_in_the_history(api, app):
    c = contracted_family(app)
    wife = c.id_numbers[1]
    r = api.post(f"{URL}/{wife}/corrections", {"name": "李秀瑛", "evidence_ref": "户口簿更正页 2026-4"})
    assert r.status_code == 200, r.get_json()
    out = r.get_json()
    assert out["name"] == "李秀瑛"
    assert [(h["field"], h["old_value"], h["new_value"], h["evidence_ref"]) for h in out["corrections"]] == [
        ("name", "李秀英", "李秀瑛", "户口簿更正页 2026-4")
    ]
    assert api.get(f"{URL}/{wife}/corrections").get_json()["corrections"][0]["old_value"] == "李秀英"
    holders = api.get(f"/api/v1/land-contracts/{c.contract_code}").get_json()["right_holders"]
    assert "李秀瑛" in [h["name"] for h in holders]


def test_an_id_number_correction_keeps_the_old_number_and_derives_sex_and_birth_date_per_01(api, app):
    f = family(app)
    daughter = f.id_numbers[2]
    new = make_id_number(sex="2")
    r = api.post(f"{URL}/{daughter}/corrections", {"id_number": new, "evidence_ref": "公安机关更正证明"})
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["id_number"] == new and r.get_json()["birth_date"] == "1980-05-17"
    assert r.get_json()["corrections"][0]["old_value"] == daughter
    assert api.get(f"{URL}/{daughter}").status_code == 404
    assert api.get(f"{URL}/{new}").status_code == 200


def test_a_correction_is_refused_without_evidence_to_a_taken_or_bad_number_or_out_of_scope(api, app):
    f, other = family(app), family(app)
    head = f.id_numbers[0]
    r = api.post(f"{URL}/{head}/corrections", {"name": "王建军"})
    assert r.status_code == 422 and "evidence_ref" in r.get_json()["errors"]
    r = api.post(f"{URL}/{head}/corrections", {"id_number": other.id_numbers[0], "evidence_ref": "x"})
    assert r.status_code == 409 and r.get_json()["rule"] == "PER-02"
    r = api.post(
        f"{URL}/{head}/corrections",
        {"id_number": head[:-1] + ("0" if head[-1] != "0" else "1"), "evidence_ref": "x"},
    )
    assert r.status_code == 422 and r.get_json()["rule"] == "PER-01"
    r = api.post(f"{URL}/{head}/corrections", {"evidence_ref": "x"})
    assert r.status_code == 422
    r = api.post(f"{URL}/{head}/corrections", {"name": "王建军", "evidence_ref": "x"}, as_="clerk_b")
    assert r.status_code == 403 and r.get_json()["rule"] == "SEC-01"
    assert api.get(f"{URL}/{head}/corrections").get_json()["corrections"] == []
