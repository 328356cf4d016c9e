"""Names printed in a certificate serial: province abbreviation (简称) by the first two digits of the
county code (GB/T 2260) and the county's name.

Counties not in the table print their 6-digit code in place of the name, so a serial is always unique and
traceable; add the county here when the registry goes live in it.
"""

from __future__ import annotations

PROVINCE_ABBREVIATIONS = {
    "11": "京",
    "12": "津",
    "13": "冀",
    "14": "晋",
    "15": "蒙",
    "21": "辽",
    "22": "吉",
    "23": "黑",
    "31": "沪",
    "32": "苏",
    "33": "浙",
    "34": "皖",
    "35": "闽",
    "36": "赣",
    "37": "鲁",
    "41": "豫",
    "42": "鄂",
    "43": "湘",
    "44": "粤",
    "45": "桂",
    "46": "琼",
    "50": "渝",
    "51": "川",
    "52": "黔",
    "53": "滇",
    "54": "藏",
    "61": "陕",
    "62": "甘",
    "63": "青",
    "64": "宁",
    "65": "新",
    "71": "台",
    "81": "港",
    "82": "澳",
}

COUNTY_NAMES = {
    # 河南省郑州市 (the demo county and its neighbours)
    "410102": "中原区",
    "410103": "二七区",
    "410104": "管城回族区",
    "410105": "金水区",
    "410106": "上街区",
    "410108": "惠济区",
    "410122": "中牟县",
    "410181": "巩义市",
    "410182": "荥阳市",
    "410183": "新密市",
    "410184": "新郑市",
    "410185": "登封市",
    # 广东省 and 浙江省 counties whose homestead caps the registry carries
    "441481": "兴宁市",
    "440183": "增城区",
    "440117": "从化区",
    "330110": "余杭区",
    "330182": "建德市",
    "330681": "诸暨市",
    "330782": "义乌市",
}

# 证书种类 as printed inside the serial, and the authority that issues each kind of certificate.
SERIAL_LABELS = {"land_contract": "农村土地承包经营权证", "homestead": "不动产权"}
AUTHORITIES = {"land_contract": "{county}人民政府", "homestead": "{county}自然资源局"}


def province_abbreviation(county_code: str) -> str:
    return PROVINCE_ABBREVIATIONS.get(county_code[:2], county_code[:2])


def county_name(county_code: str) -> str:
    return COUNTY_NAMES.get(county_code, county_code)


def serial_text(kind: str, county_code: str, year: int, seq: int) -> str:
    """豫（2026）中牟县农村土地承包经营权证第000001号."""
    return (
        f"{province_abbreviation(county_code)}（{year}）{county_name(county_code)}"
        f"{SERIAL_LABELS[kind]}第{seq:06d}号"
    )


def issuing_authority(kind: str, county_code: str) -> str:
    return AUTHORITIES[kind].format(county=county_name(county_code))
