"""The certificate as a PDF (reportlab platypus), drawn from the snapshot taken when it was issued."""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .drawing import MapFeature, ParcelMap, QrCode, cjk_font
from .labels import LAND_CLASSES, LAND_TYPES, METHODS, ORIGIN_NOTES, SEXES, TITLES, boundaries_text, label

PAGE_W, PAGE_H = A4
MARGIN = 15 * mm
FRAME_W = PAGE_W - 2 * MARGIN
FOOTER_H = 12 * mm  # the authority and date line that follows the map on the same page


@dataclass(frozen=True)
class PrintedCertificate:
    kind: str
    number: str
    serial: str
    origin: str
    issued_on: date
    verification_code: str
    verify_url: str
    content: dict
    void_mark: str | None = None  # printed across every page of a certificate no longer in force


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    return {
        "base": base,
        "title": ParagraphStyle("title", parent=base, fontSize=20, leading=26, alignment=TA_CENTER),
        "serial": ParagraphStyle("serial", parent=base, fontSize=11, leading=15, alignment=TA_CENTER),
        "note": ParagraphStyle("note", parent=base, fontSize=8, leading=10, alignment=TA_CENTER),
        "head": ParagraphStyle("head", parent=base, fontSize=11, leading=15, spaceBefore=6, spaceAfter=3),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
        "small": ParagraphStyle("small", parent=base, fontSize=7, leading=9),
        "qr": ParagraphStyle("qr", parent=base, fontSize=7, leading=9, alignment=TA_CENTER),
        "footer": ParagraphStyle("footer", parent=base, fontSize=10, leading=14, alignment=TA_RIGHT),
    }


def _grid(font: str, header: bool = True) -> TableStyle:
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)))
    return TableStyle(commands)


def _p(text, style) -> Paragraph:
    """A table cell that wraps (CJK text has no spaces to break at); newlines become line breaks."""
    escaped = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Paragraph(escaped.replace("\n", "<br/>"), style)


def _facts_table(pairs: list[tuple[str, str]], st, font) -> Table:
    """Label/value pairs, two pairs a row; a long value takes a whole row of its own."""
    rows, wide, pending = [], [], []
    for key, value in pairs:
        if len(str(value)) > 24:
            rows.append([_p(key, st["cell"]), _p(value, st["cell"]), "", ""])
            wide.append(True)
            continue
        pending += [_p(key, st["cell"]), _p(value, st["cell"])]
        if len(pending) == 4:
            rows.append(pending)
            wide.append(False)
            pending = []
    if pending:  # a pair left alone on the last row takes the whole row
        rows.append(pending + ["", ""])
        wide.append(True)
    label_w = 24 * mm
    value_w = FRAME_W / 2 - label_w
    table = Table(rows, colWidths=[label_w, value_w, label_w, value_w])
    style = _grid(font, header=False)
    shade = colors.Color(0.95, 0.95, 0.95)
    for i, is_wide in enumerate(wide):
        style.add("BACKGROUND", (0, i), (0, i), shade)
        if is_wide:
            style.add("SPAN", (1, i), (3, i))
        else:
            style.add("BACKGROUND", (2, i), (2, i), shade)
    table.setStyle(style)
    return table


def _holders_table(holders: list[dict], st, font) -> Table:
    """LC-04: every household member who shares the right, women included."""
    rows = [["序号", "姓名", "与户主关系", "性别", "公民身份号码"]]
    for i, h in enumerate(holders, 1):
        rows.append(
            [
                str(i),
                _p(h["name"], st["cell"]),
                h.get("relation_label") or "—",
                SEXES.get(h.get("sex"), "—"),
                h.get("id_number") or "—",
            ]
        )
    table = Table(rows, colWidths=[12 * mm, 40 * mm, 34 * mm, 16 * mm, FRAME_W - 102 * mm], repeatRows=1)
    table.setStyle(_grid(font))
    return table


def _parcels_table(parcels: list[dict], st, font) -> Table:
    rows = [["地块编码", "地块名称", "面积（㎡）", "面积（亩）", "四至", "地类", "基本农田"]]
    for p in parcels:
        rows.append(
            [
                p["code"],
                _p(p.get("name") or "—", st["cell"]),
                p["area_m2"],
                p["area_mu"],
                _p(boundaries_text(p.get("boundaries")), st["small"]),
                _p(label(LAND_CLASSES, p.get("land_class")), st["cell"]),
                "是" if p.get("basic_farmland") else "否",
            ]
        )
    widths = [34 * mm, 22 * mm, 20 * mm, 16 * mm, 0, 22 * mm, 14 * mm]
    widths[4] = FRAME_W - sum(widths)
    table = Table(rows, colWidths=widths, repeatRows=1)
    style = _grid(font)
    style.add("ALIGN", (2, 1), (3, -1), "RIGHT")
    table.setStyle(style)
    return table


def _land_contract_facts(number: str, c: dict) -> list[tuple[str, str]]:
    term = c["term"]
    return [
        ("证书编号", number),
        ("发包方", f"{c['collective']['name']}（{c['collective']['code']}）"),
        ("承包方代表", c["holder"]["name"]),
        ("承包方编码", c["household_code"]),
        ("承包方式", label(METHODS, c.get("method"))),
        ("土地类型", LAND_TYPES.get(c.get("land_type"), c.get("land_type") or "—")),
        ("承包期限", f"{term['start']} 至 {term['end']}"),
        ("承包地块", f"{len(c['parcels'])} 块，合计 {c['area_m2']} ㎡（{c['area_mu']} 亩）"),
    ]


def _homestead_facts(c: dict) -> list[tuple[str, str]]:
    facts = [
        ("权利人", c["holder"]["name"]),
        ("共有情况", "家庭共有" if len(c["right_holders"]) > 1 else "单独所有"),
        ("坐落", f"{c['collective']['name']}（{c['collective']['code']}）"),
        ("不动产单元号", c["unit_code"]),
        ("权利类型", "宅基地使用权"),
        ("权利性质", "集体土地"),
        ("用途", "农村宅基地"),
        ("面积", f"{c['area_m2']} ㎡（{c['area_mu']} 亩）"),
        ("使用期限", "长期"),
        ("登记日期", c["registered_on"]),
    ]
    if c.get("note"):
        facts.append(("附记", c["note"]))
    return facts


def _map(content: dict, kind: str) -> ParcelMap:
    features = [MapFeature(p["code"], p["code"][-5:], p["geometry"]) for p in content["parcels"]]
    if kind == "homestead":
        unit = content["unit_code"]
        features = [MapFeature(unit, unit[12:19], f.geometry) for f in features]
        return ParcelMap(
            features,
            FRAME_W,
            60 * mm,
            100 * mm,
            title="宗地图（边长单位：米）",
            reserve=FOOTER_H,
            edge_lengths=True,
            short_note="图中标注为宗地代码中的宗地号",
        )
    return ParcelMap(
        features,
        FRAME_W,
        60 * mm,
        120 * mm,
        title="承包地块示意图",
        reserve=FOOTER_H,
        short_note="图中标注为地块编码末五位",
    )


def _header(cert: PrintedCertificate, st, font) -> Table:
    """Title and serial in the middle; the QR code to /verify with the verification code on the right."""
    qr_size = 26 * mm
    middle = [
        Paragraph(TITLES[cert.kind], st["title"]),
        Spacer(1, 2 * mm),
        Paragraph(cert.serial, st["serial"]),
    ]
    if cert.origin in ORIGIN_NOTES:
        middle.append(Paragraph(f"（{ORIGIN_NOTES[cert.origin]}）", st["note"]))
    qr = [QrCode(cert.verify_url, qr_size), Paragraph(f"核验码 {cert.verification_code}", st["qr"])]
    side = qr_size + 2 * mm
    table = Table([["", middle, qr]], colWidths=[side, FRAME_W - 2 * side, side])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _footer(cert: PrintedCertificate, st) -> Paragraph:
    issued = cert.issued_on
    return Paragraph(
        f"发证机关：{cert.content['authority']}（盖章）&nbsp;&nbsp;&nbsp;&nbsp;"
        f"发证日期：{issued.year}年{issued.month}月{issued.day}日",
        st["footer"],
    )


def render_pdf(cert: PrintedCertificate) -> bytes:
    font = cjk_font()
    st = _styles(font)
    c = cert.content
    story = [_header(cert, st, font), Spacer(1, 4 * mm)]
    facts = _land_contract_facts(cert.number, c) if cert.kind == "land_contract" else _homestead_facts(c)
    story += [
        _facts_table(facts, st, font),
        Paragraph("共有人（承包方家庭成员）" if cert.kind == "land_contract" else "共有人", st["head"]),
        _holders_table(c["right_holders"], st, font),
    ]
    if cert.kind == "land_contract":
        story += [Paragraph("承包地块情况", st["head"]), _parcels_table(c["parcels"], st, font)]
    story += [Spacer(1, 4 * mm), _map(c, cert.kind), Spacer(1, 3 * mm), _footer(cert, st)]
    buf = io.BytesIO()
    # initialFontName: the canvas would otherwise list Helvetica (not embedded) on every page.
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        initialFontName=font,
        title=f"{TITLES[cert.kind]} {cert.number}",
        author=c["authority"],
        subject=cert.serial,
    )
    decorate = functools.partial(
        _decorate, running_head=f"{cert.serial}　证书编号 {cert.number}", void_mark=cert.void_mark
    )
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buf.getvalue()


def _decorate(canvas, doc, *, running_head: str, void_mark: str | None):
    """Page number; on later pages which certificate they belong to; across a voided one, its status."""
    canvas.saveState()
    canvas.setFont(cjk_font(), 7)
    canvas.drawCentredString(PAGE_W / 2, 8 * mm, f"第 {doc.page} 页")
    if doc.page > 1:
        canvas.drawString(MARGIN, PAGE_H - 9 * mm, running_head)
    if void_mark:
        canvas.setFillColor(colors.Color(0.8, 0.1, 0.1, alpha=0.35))
        canvas.setFont(cjk_font(), 48)
        canvas.translate(PAGE_W / 2, PAGE_H / 2)
        canvas.rotate(35)
        canvas.drawCentredString(0, 0, void_mark)
    canvas.restoreState()
