"""Chinese labels printed on certificates for the code lists of domain.md (codes stay codes in the data)."""

from __future__ import annotations

from ..codelists import CONTRACT_METHOD, LAND_CLASS, LAND_TYPE, SEX, zh

LAND_CLASSES = zh(LAND_CLASS)
METHODS = zh(CONTRACT_METHOD)
LAND_TYPES = zh(LAND_TYPE)
SEXES = zh(SEX)
TITLES = {"land_contract": "中华人民共和国农村土地承包经营权证", "homestead": "不动产权证书"}
ORIGIN_NOTES = {"reissue": "补发", "replacement": "换发"}
EVENT_LABELS = {"issued": "颁发", "reissued": "补发", "replaced": "换发", "cancelled": "注销"}
KIND_LABELS = {"land_contract": "农村土地承包经营权证", "homestead": "不动产权证书（宅基地使用权）"}
SIDES = (("east", "东"), ("south", "南"), ("west", "西"), ("north", "北"))


def label(table: dict, code: str | None) -> str:
    """「旱地（0103）」: the label with its code, or the bare code where the list has no label."""
    if not code:
        return "—"
    name = table.get(code)
    return f"{name}（{code}）" if name else code


def boundaries_text(boundaries) -> str:
    """四至 one side a line: 东：<neighbour>."""
    if not isinstance(boundaries, dict):
        return "—"
    lines = []
    for key, name in SIDES:
        value = boundaries.get(key)
        if isinstance(value, list):
            value = "、".join(str(v) for v in value) or None
        lines.append(f"{name}：{value or '—'}")
    return "\n".join(lines)


def mask_name(name: str) -> str:
    """王** : the family name only, for the public verification page."""
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""
