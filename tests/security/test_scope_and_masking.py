"""SEC-01 for person reads (scoped like households), refused cross-scope attempts audited with who tried;
SEC-02 in the audit API (full numbers for an administrator only) and in every log record; the demo county
only where it belongs; SEC-04 and SEC-05 in the rule catalogue."""

from __future__ import annotations

import logging

from sqlalchemy import func, select

from registry.audit.models import AuditEntry
from registry.auth.models import User
from registry.db import db
from registry.demo import demo_wanted
from registry.rules import BY_ID
from registry.security.logfilter import mask_text
from tests.factories import VILLAGE_A, VILLAGE_B, make_family, make_id_number


def _family(app, collective=VILLAGE_A) -> str:
    with app.app_context():
        _, people = make_family(db.session, collective)
        db.session.commit()
        return people[0].id_number


def test_person_reads_follow_the_scope_sec_01(app, api):
    number = _family(app)
    for role in ("clerk", "reviewer", "admin"):
        r = api.get(f"/api/v1/persons/{number}", as_=role)
        assert r.status_code == 200 and r.get_json()["id_number"] == number, role
    for role in ("clerk_b", "reviewer_other"):
        r = api.get(f"/api/v1/persons/{number}", as_=role)
        assert r.status_code == 403 and r.get_json()["rule"] == "SEC-01", role
    assert api.get(f"/api/v1/persons/{number}", as_="police").status_code == 403


def test_a_refused_cross_scope_read_is_audited_with_who_tried_sec_01(app, api):
    number = _family(app, VILLAGE_B)
    assert api.get(f"/api/v1/persons/{number}", as_="clerk").status_code == 403
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.outcome == "refused"))
        assert (entry.actor, entry.action, entry.rule) == ("clerk", "person.read", "SEC-01")
        assert number not in entry.entity_id and entry.entity_id == mask_text(number)


def test_audit_api_masks_id_numbers_for_all_but_admin_sec_02(app, api):
    number = make_id_number()
    assert api.post("/api/v1/persons", {"id_number": number, "name": "赵六"}).status_code == 201
    reviewer = api.get("/api/v1/audit?entity=person", as_="reviewer").get_json()["items"]
    admin = api.get("/api/v1/audit?entity=person", as_="admin").get_json()["items"]
    assert [e["entity_id"] for e in admin] == [number]
    assert [e["entity_id"] for e in reviewer] == [number[:6] + "********" + number[-4:]]


def test_log_records_never_carry_an_id_number_sec_02(caplog):
    log = logging.getLogger("registry.test")
    with caplog.at_level(logging.INFO):
        log.info("looked up %s for %s", "41012219800517001X", "parcel 4101221000010000001")
        try:
            raise ValueError("bad person 410122198005170012")
        except ValueError:
            log.exception("failed")
    lines = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert "41012219800517001X" not in lines and "410122198005170012" not in lines
    assert "410122********001X" in lines and "410122********0012" in lines
    assert "4101221000010000001" in lines  # a 19-digit parcel code is left as it is


def test_demo_only_in_the_embedded_cluster_or_with_demo_1():
    assert demo_wanted({}) is True
    assert demo_wanted({"DATABASE_URL": "postgresql+psycopg://db/registry"}) is False
    assert demo_wanted({"DATABASE_URL": "postgresql+psycopg://db/registry", "DEMO": "1"}) is True


def test_demo_load_with_database_url_creates_no_user(app, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    monkeypatch.delenv("DEMO", raising=False)
    out = app.test_cli_runner().invoke(args=["demo", "load"])
    assert out.exit_code == 0 and "users create" in out.output and "--role admin" in out.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_sec_04_and_sec_05_are_in_the_catalogue(client):
    assert BY_ID["SEC-04"].text_zh and "Retry-After" in BY_ID["SEC-05"].text_en
    ids = {r["id"] for r in client.get("/api/v1/rules").get_json()["items"]}
    assert {"SEC-04", "SEC-05"} <= ids and "SEC-06" not in ids
