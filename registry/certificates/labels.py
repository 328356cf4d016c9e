"""Chinese labels printed on certificates for the code lists of domain.md (codes stay codes in the data)."""
from __future__ import annotations

LAND_CLASSES = {"0101": "水田", "0102": "水浇地", "0103": "旱地", "0201": "果园", "0301": "乔木林地",
                "0401": "天然牧草地", "0702": "农村宅基地"}
METHODS = {"110": "家庭承包", "120": "其他方式承包", "121": "招标", "122": "拍卖", "123": "公开协商",
           "129": "其他方式", "200": "转让", "300": "互换", "900": "其他"}
LAND_TYPES = {"arable": "耕地", "grassland": "草地", "forest": "林地"}
SEXES = {"1": "男", "2": "女"}
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
