"""The code lists of domain.md, each once: code → its label in Chinese and in English. The data keeps the
codes;
models, schemas, CHECK constraints and exchange checks take the codes from here, certificates print the
Chinese
label, the web shows the label in the user's language (web/labels.py)."""

from __future__ import annotations

from typing import NamedTuple


class Label(NamedTuple):
    zh: str
    en: str


SEX = {
    "1": Label("男", "Male"),
    "2": Label("女", "Female"),
}  # GB 11643 (odd/even sequence digit), GB/T 2261.1

PARCEL_CATEGORY = {  # NY/T 2539 地块类别
    "10": Label("承包地块", "Contracted parcel"),
    "21": Label("自留地", "Private plot"),
    "22": Label("机动地", "Reserve land"),
    "23": Label("开荒地", "Reclaimed land"),
    "99": Label("其他集体土地", "Other collective land"),
}

LAND_CLASS = {  # GB/T 21010-2017, the classes a collective's parcels carry
    "0101": Label("水田", "Paddy field"),
    "0102": Label("水浇地", "Irrigated land"),
    "0103": Label("旱地", "Dry land"),
    "0201": Label("果园", "Orchard"),
    "0301": Label("乔木林地", "Arbor forest"),
    "0401": Label("天然牧草地", "Natural grassland"),
    "0702": Label("农村宅基地", "Rural homestead"),
}

LAND_TYPE = {
    "arable": Label("耕地", "Arable land"),
    "grassland": Label("草地", "Grassland"),
    "forest": Label("林地", "Forest land"),
}

CONTRACT_METHOD = {  # NY/T 2539 承包方式 (CBFS)
    "110": Label("家庭承包", "Family contracting"),
    "120": Label("其他方式承包", "Other contracting"),
    "121": Label("招标", "Tender"),
    "122": Label("拍卖", "Auction"),
    "123": Label("公开协商", "Open negotiation"),
    "129": Label("其他方式", "Other means"),
    "200": Label("转让", "Transfer"),
    "300": Label("互换", "Swap"),
    "900": Label("其他", "Other"),
}


def zh(table: dict[str, Label], codes=None) -> dict[str, str]:
    """code → Chinese label, for every code of the list or the `codes` given (in that order)."""
    return {code: table[code].zh for code in (codes or table)}
