"""Certificate PDFs: the text a reader sees (pypdf) and the embedded Chinese font (poppler's pdffonts)."""

from __future__ import annotations

import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from pypdf import PdfReader

from registry.certificates import reading, services
from tests import factories_certificates as fc


def _url(cert) -> str:
    return f"https://registry.example/verify/{cert.number}?code={cert.verification_code}"


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _fonts(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout


def test_land_contract_pdf_lists_holders_parcels_and_areas_lc_04(session, world):
    right = fc.contract(session, n_parcels=3)
    cert = services.issue_certificate(session, fc.CLERK, "land_contract", right.ref)
    _, pdf = reading.certificate_pdf(session, fc.CLERK, cert.number, _url)
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    for name in right.names:
        assert name in text
    for code, area in zip(right.parcel_codes, right.areas_m2, strict=True):
        assert code in text and area in text
        assert f"{Decimal(area) * 3 / 2000:.2f}" in text  # mu
    assert cert.serial in text and "中华人民共和国农村土地承包经营权证" in text
    assert "东村股份经济合作社" in text and "中牟县人民政府" in text and "承包地块示意图" in text
    assert cert.verification_code in text


def test_homestead_pdf_carries_the_unit_code_and_the_plot_drawing(session, world):
    plot = fc.homestead(session)
    cert = services.issue_certificate(session, fc.REVIEWER, "homestead", plot.ref)
    _, pdf = reading.certificate_pdf(session, fc.REVIEWER, cert.number, _url)
    text = _text(pdf)
    assert plot.ref in text and "不动产权证书" in text and "宅基地使用权" in text
    for name in plot.names:
        assert name in text
    assert plot.areas_m2[0] in text and "宗地图" in text and "比例尺" in text


@pytest.mark.skipif(
    shutil.which("pdffonts") is None, reason="poppler-utils missing (scripts/ensure-system.sh installs it)"
)
def test_the_chinese_font_is_embedded_and_no_font_is_left_to_the_reader(session, world, tmp_path):
    right = fc.contract(session)
    cert = services.issue_certificate(session, fc.CLERK, "land_contract", right.ref)
    _, pdf = reading.certificate_pdf(session, fc.CLERK, cert.number, _url)
    rows = _fonts(pdf, tmp_path).splitlines()[2:]
    assert rows, "no fonts listed"
    assert any("WenQuanYiZenHei" in row for row in rows)
    for row in rows:
        emb = row.split()[-5]  # columns: name type encoding emb sub uni object ID
        assert emb == "yes", row


def test_a_cancelled_certificate_prints_marked_as_cancelled(session, world):
    right = fc.contract(session)
    cert = services.issue_certificate(session, fc.CLERK, "land_contract", right.ref)
    services.cancel_certificate(session, fc.REVIEWER, cert.number, "权利终止")
    _, pdf = reading.certificate_pdf(session, fc.CLERK, cert.number, _url)
    assert "已注销" in _text(pdf)


def test_a_reissued_certificate_prints_its_new_code_and_mark(session, world):
    right = fc.contract(session)
    old = services.issue_certificate(session, fc.CLERK, "land_contract", right.ref)
    old_code = old.verification_code
    new = services.reissue_certificate(session, fc.REVIEWER, old.number, "遗失")
    _, pdf = reading.certificate_pdf(session, fc.CLERK, old.number, _url)
    text = _text(pdf)
    assert new.verification_code in text and old_code not in text
    assert "（补发）" in text and new.serial in text
