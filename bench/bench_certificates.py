"""Batch issuing of certificates (应发尽发): 1,000 registered rights of one collective get their
certificates in one run of `issue_missing`, which must take ≤ 60 s. Issuing writes the records (serial,
verification code, the printed snapshot, register and audit entries); the PDF is drawn from the snapshot
when it is asked for, so rendering all 1,000 PDFs is measured too, as a figure of its own.

Baselines measured in the same run: one plain reportlab page (Helvetica, no embedding) and one page of
Chinese text in the embedded font, so the figures say what the certificate itself costs.

    .venv/bin/python bench/bench_certificates.py [--rights 1000] [--pdf-dir DIR]

`--pdf-dir` also writes one certificate of each kind there (to look at, e.g. with pdftoppm).
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from _common import summary, throwaway_app, timed  # first: puts the project on sys.path
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from shapely.geometry import Polygon
from sqlalchemy import select

from registry.auth.actor import SYSTEM
from registry.certificates import reading, services
from registry.certificates.drawing import cjk_font
from registry.certificates.models import Certificate
from registry.codes import id_check_char
from registry.contracts.services import register_contract
from registry.contracts.terms import last_day
from registry.db import db
from registry.homesteads.models import HomesteadRight
from registry.people.models import Person
from tests.factories import ORIGIN, VILLAGE_A, build_world, make_household, make_member, make_parcel, square

LIMIT_S = 60.0
START = date(2020, 1, 1)


def person(session, i: int, role: int, sex: str) -> Person:
    """A valid, unique 公民身份号码 per (i, role): the birth date carries i, the sequence the role."""
    birth = date(1940, 1, 1) + timedelta(days=i)
    first17 = f"410122{birth:%Y%m%d}{role * 2 + (1 if sex == '1' else 0):03d}"
    p = Person(
        id_number=first17 + id_check_char(first17),
        name=["王建国", "李秀英", "王小红"][role],
        sex=sex,
        birth_date=birth,
    )
    session.add(p)
    return p


def family(session, i: int):
    head, wife, daughter = person(session, i, 0, "1"), person(session, i, 1, "2"), person(session, i, 2, "2")
    session.flush()
    household = make_household(session, VILLAGE_A, head, [(wife, "10"), (daughter, "30")])
    for p in (head, wife, daughter):
        make_member(session, p, VILLAGE_A)
    return household


def build_rights(session, n: int) -> tuple[int, int]:
    """80 % land contracts of two parcels each, 20 % homestead rights; a grid of non-overlapping shapes."""
    contracts = homesteads = 0
    for i in range(n):
        household = family(session, i)
        gx, gy = (i % 40) * 0.0013, (i // 40) * 0.0007
        if i % 5:
            parcels = [
                make_parcel(session, VILLAGE_A, square(gx + k * 0.0006, gy), name=f"{i}号田{k + 1}")
                for k in range(2)
            ]
            register_contract(
                session,
                SYSTEM,
                household_code=household.code,
                method="110",
                land_type="arable",
                start_date=START,
                end_date=last_day(START, 30),
                parcel_codes=[p.code for p in parcels],
            )
            contracts += 1
        else:
            x, y = ORIGIN[0] + gx, ORIGIN[1] + gy
            plot = Polygon([(x, y), (x + 0.00013, y), (x + 0.00014, y + 0.0001), (x - 0.00001, y + 0.00009)])
            parcel = make_parcel(
                session, VILLAGE_A, plot, kind="homestead", code=f"{VILLAGE_A[:12]}JC{i + 1:05d}"
            )
            session.add(
                HomesteadRight(
                    household_code=household.code,
                    collective_code=VILLAGE_A,
                    parcel_id=parcel.id,
                    unit_code=parcel.code + "W00000000",
                    status="active",
                    registered_on=START,
                )
            )
            homesteads += 1
        if i % 200 == 199:
            session.commit()
    session.commit()
    return contracts, homesteads


def plain_page(font: str) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    c.setFont(font, 12)
    for line in range(40):
        text = "Land contract certificate 0123456789" if font == "Helvetica" else "承包经营权证 0123456789"
        c.drawString(50, 800 - line * 18, text)
    c.showPage()
    c.save()
    return buf.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rights", type=int, default=1000)
    parser.add_argument("--pdf-dir", type=Path)
    args = parser.parse_args()
    with throwaway_app() as (app, _url), app.app_context():
        session = db.session
        build_world(session)
        session.commit()
        t0 = time.perf_counter()
        contracts, homesteads = build_rights(session, args.rights)
        setup_s = time.perf_counter() - t0
        print(f"setup: {contracts} land contracts + {homesteads} homestead rights in {setup_s:.1f} s")

        t0 = time.perf_counter()
        batch = services.issue_missing(session, SYSTEM, VILLAGE_A)
        session.commit()
        issue_s = time.perf_counter() - t0
        issued = sum(len(v) for v in batch.issued.values())
        assert issued == args.rights and not batch.refused, (issued, batch.refused)
        print(
            f"issue {issued} certificates (records, serials, snapshots, registers, audit): {issue_s:.1f} s "
            f"= {issue_s / issued * 1000:.1f} ms each; limit {LIMIT_S:.0f} s",
            flush=True,
        )

        certs = session.scalars(select(Certificate).order_by(Certificate.id)).all()
        numbers = [c.number for c in certs]

        def url(cert):
            return f"http://127.0.0.1:5000/verify/{cert.number}?code={cert.verification_code}"

        cjk_font()  # the font file is read once per process; keep that out of the per-page figures
        base_plain = summary(
            "baseline: plain reportlab page (Helvetica)", timed(lambda: plain_page("Helvetica"), 50)
        )
        base_cjk = summary(
            "baseline: page of Chinese text, embedded font", timed(lambda: plain_page(cjk_font()), 50)
        )
        it = iter(numbers)
        one = summary(
            "certificate PDF (tables, map, QR)",
            timed(lambda: reading.certificate_pdf(session, SYSTEM, next(it), url), min(200, issued)),
        )
        t0 = time.perf_counter()
        pages = sum(len(reading.certificate_pdf(session, SYSTEM, n, url)[1]) > 0 for n in numbers)
        render_s = time.perf_counter() - t0

        print(f"render {pages} certificate PDFs: {render_s:.1f} s = {render_s / pages * 1000:.1f} ms each")
        print(
            f"certificate PDF / plain page: {one['median_ms'] / base_plain['median_ms']:.1f}x;"
            f" / Chinese text page: {one['median_ms'] / base_cjk['median_ms']:.1f}x"
        )
        if args.pdf_dir:
            args.pdf_dir.mkdir(parents=True, exist_ok=True)
            for kind in ("land_contract", "homestead"):
                cert = next(c for c in certs if c.kind == kind)
                _, pdf = reading.certificate_pdf(session, SYSTEM, cert.number, url)
                (args.pdf_dir / f"{kind}.pdf").write_bytes(pdf)
            print(f"sample certificates written to {args.pdf_dir}")
        ok = issue_s <= LIMIT_S
        print("OK" if ok else f"TOO SLOW: over {LIMIT_S:.0f} s")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
