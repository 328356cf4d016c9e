"""Migration 0008 carries the homestead area's interim certificate records into the one certificates table:
the right's certificate and its verification code survive, and the serial sequence goes on (RG-02)."""

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from registry import create_app
from registry.certificates import reading
from registry.db import db

SETUP = """
INSERT INTO collectives (code, name, level, county_code)
    VALUES ('41012210000100', '东村股份经济合作社', 'village', '410122');
INSERT INTO persons (id, id_number, name, sex, birth_date)
    VALUES (1, '410122197003010011', '王建国', '1', '1970-03-01'),
           (2, '410122197207090022', '李秀英', '2', '1972-07-09');
INSERT INTO households (code, collective_code, head_person_id, party_type)
    VALUES ('410122100001000001', '41012210000100', 1, '1');
INSERT INTO household_members (household_code, person_id, relation) VALUES ('410122100001000001', 1, '02'),
    ('410122100001000001', 2, '10');
INSERT INTO parcels (id, code, collective_code, kind, category, land_class, basic_farmland, geom, area_m2,
                     status)
    VALUES (1, '410122100001JC00001', '41012210000100', 'homestead', '99', '0702', false,
            ST_GeomFromEWKT('SRID=4490;MULTIPOLYGON(((113.9 34.7,113.9001 34.7,113.9001 34.7001,113.9 34.7001,
            113.9 34.7)))'), 101.52, 'current');
INSERT INTO homestead_rights (id, household_code, collective_code, parcel_id, unit_code, status,
                              registered_on)
    VALUES (1, '410122100001000001', '41012210000100', 1, '410122100001JC00001W00000000', 'active',
            '2026-03-01');
INSERT INTO homestead_certificates (number, right_id, verification_code, status, issued_on, issued_by)
    VALUES ('4101222026JC000007', 1, 'ABCDEFGH23', 'valid', '2026-03-01', 'reviewer');
INSERT INTO code_sequences (scope, kind, last_value) VALUES ('4101222026', 'homestead_certificate', 7);
"""


def test_interim_homestead_certificates_are_carried_over_and_back(cluster, database_url):
    if cluster is None:
        pytest.skip("needs the throwaway cluster: TEST_DATABASE_URL names a server this test may not drop")
    cluster.ensure_database("certificates_migration")
    try:
        app = create_app({"SQLALCHEMY_DATABASE_URI": cluster.url("certificates_migration"), "TESTING": True})
        with app.app_context():
            upgrade(revision="0007")
            for statement in SETUP.split(";\n"):
                if statement.strip():
                    db.session.execute(text(statement))
            db.session.commit()
            upgrade(revision="0008")
            unit = "410122100001JC00001W00000000"
            check = reading.verify(db.session, unit, "ABCDEFGH23")
            assert check.result == "valid"
            cert = check.certificate
            assert (cert.serial, cert.right_id, cert.status) == ("4101222026JC000007", 1, "issued")
            assert [h["name"] for h in cert.content["right_holders"]] == ["王建国", "李秀英"]
            assert cert.content["authority"] == "中牟县自然资源局" and cert.content["area_m2"] == "101.52"
            assert (
                db.session.scalar(
                    text(
                        "SELECT last_value FROM code_sequences WHERE scope = '410122:2026' "
                        "AND kind = 'certificate:homestead'"
                    )
                )
                == 7
            )
            db.session.commit()
            downgrade(revision="0007")
            back = db.session.execute(
                text("SELECT number, verification_code, status FROM homestead_certificates")
            )
            assert back.all() == [("4101222026JC000007", "ABCDEFGH23", "valid")]
            db.session.remove()
            db.engine.dispose()
    finally:
        cluster.drop_database("certificates_migration")
