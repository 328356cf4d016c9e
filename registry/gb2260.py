"""GB/T 2260 province-level divisions (code → name), written down from the standard: the current edition and
the codes citizen ID numbers were issued under since 1984 (no province-level code was withdrawn since 1988,
when 46 海南 was added; 50 重庆 since 1997). PER-04 checks an ID number's address code against it: the first
two digits name one of these, digits 3-4 a prefecture (01-70) or the counties a province administers
directly (90). County level is not checked: ID numbers keep the code of the county at the time of issue, and
withdrawn county codes are still valid ID numbers."""

PROVINCES: dict[str, str] = {
    "11": "北京市",
    "12": "天津市",
    "13": "河北省",
    "14": "山西省",
    "15": "内蒙古自治区",
    "21": "辽宁省",
    "22": "吉林省",
    "23": "黑龙江省",
    "31": "上海市",
    "32": "江苏省",
    "33": "浙江省",
    "34": "安徽省",
    "35": "福建省",
    "36": "江西省",
    "37": "山东省",
    "41": "河南省",
    "42": "湖北省",
    "43": "湖南省",
    "44": "广东省",
    "45": "广西壮族自治区",
    "46": "海南省",
    "50": "重庆市",
    "51": "四川省",
    "52": "贵州省",
    "53": "云南省",
    "54": "西藏自治区",
    "61": "陕西省",
    "62": "甘肃省",
    "63": "青海省",
    "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区",
    "71": "台湾省",
    "81": "香港特别行政区",
    "82": "澳门特别行政区",
}

# Residence permits of Hong Kong, Macao and Taiwan residents (港澳台居民居住证, 2018) carry 810000, 820000 and
# 830000 as their address code: the whole code, no prefecture.
PERMIT_ADDRESS_CODES = frozenset({"810000", "820000", "830000"})
