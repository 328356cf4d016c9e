"""Family relation codes (GB/T 4761-2008), kept as codes in data and shown with their Chinese labels."""
RELATIONS = {
    "01": "本人", "02": "户主", "10": "配偶", "11": "夫", "12": "妻",
    "20": "子", "21": "独生子", "22": "长子", "23": "次子", "24": "三子", "25": "四子", "26": "五子",
    "27": "养子或继子", "28": "女婿", "29": "其他儿子",
    "30": "女", "31": "独生女", "32": "长女", "33": "次女", "34": "三女", "35": "四女", "36": "五女",
    "37": "养女或继女", "38": "儿媳", "39": "其他女儿",
    "40": "孙子、孙女或外孙子、外孙女", "41": "孙子", "42": "孙女", "43": "外孙子", "44": "外孙女",
    "45": "孙媳妇或外孙媳妇", "46": "孙女婿或外孙女婿", "47": "曾孙子或外曾孙子", "48": "曾孙女或外曾孙女",
    "49": "其他孙子、孙女或外孙子、外孙女",
    "50": "父母", "51": "父亲", "52": "母亲", "53": "公公", "54": "婆婆", "55": "岳父", "56": "岳母",
    "57": "继父或养父", "58": "继母或养母", "59": "其他父母关系",
    "60": "祖父母或外祖父母", "61": "祖父", "62": "祖母", "63": "外祖父", "64": "外祖母", "69": "其他祖父母",
    "70": "兄弟姐妹", "71": "兄", "72": "嫂", "73": "弟", "74": "弟媳", "75": "姐姐", "76": "姐夫",
    "77": "妹妹", "78": "妹夫", "79": "其他兄弟姐妹",
    "80": "其他", "81": "伯父", "82": "伯母", "83": "叔父", "84": "婶母", "85": "舅父", "86": "舅母",
    "87": "姨父", "88": "姨母", "89": "其他亲属", "99": "非亲属",
}
HEAD = "02"

# English labels of the same codes (the web UI shows them when the user reads English).
RELATIONS_EN = {
    "01": "Self", "02": "Head of household", "10": "Spouse", "11": "Husband", "12": "Wife",
    "20": "Son", "21": "Only son", "22": "Eldest son", "23": "Second son", "24": "Third son", "25": "Fourth son",
    "26": "Fifth son", "27": "Adopted son or stepson", "28": "Son-in-law", "29": "Other son",
    "30": "Daughter", "31": "Only daughter", "32": "Eldest daughter", "33": "Second daughter",
    "34": "Third daughter", "35": "Fourth daughter", "36": "Fifth daughter", "37": "Adopted daughter or stepdaughter",
    "38": "Daughter-in-law", "39": "Other daughter",
    "40": "Grandchild", "41": "Grandson (son's son)", "42": "Granddaughter (son's daughter)",
    "43": "Grandson (daughter's son)", "44": "Granddaughter (daughter's daughter)",
    "45": "Grandson's wife", "46": "Granddaughter's husband", "47": "Great-grandson", "48": "Great-granddaughter",
    "49": "Other grandchild",
    "50": "Parent", "51": "Father", "52": "Mother", "53": "Father-in-law (husband's father)",
    "54": "Mother-in-law (husband's mother)", "55": "Father-in-law (wife's father)",
    "56": "Mother-in-law (wife's mother)", "57": "Stepfather or adoptive father",
    "58": "Stepmother or adoptive mother", "59": "Other parent",
    "60": "Grandparent", "61": "Grandfather (father's father)", "62": "Grandmother (father's mother)",
    "63": "Grandfather (mother's father)", "64": "Grandmother (mother's mother)", "69": "Other grandparent",
    "70": "Sibling", "71": "Elder brother", "72": "Elder brother's wife", "73": "Younger brother",
    "74": "Younger brother's wife", "75": "Elder sister", "76": "Elder sister's husband", "77": "Younger sister",
    "78": "Younger sister's husband", "79": "Other sibling",
    "80": "Other relative", "81": "Father's elder brother", "82": "Father's elder brother's wife",
    "83": "Father's younger brother", "84": "Father's younger brother's wife", "85": "Mother's brother",
    "86": "Mother's brother's wife", "87": "Mother's sister's husband", "88": "Mother's sister",
    "89": "Other kin", "99": "Not related",
}

# The relations that name a man or a woman (PER-05): 子/女婿/父亲 … are men, 女/儿媳/母亲 … women; the others
# (配偶, 父母, 兄弟姐妹, 其他 …) fit either. Sex is the one derived from the citizen ID number ("1"/"2").
MALE_RELATIONS = frozenset({"11", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "41", "43", "46",
                            "47", "51", "53", "55", "57", "61", "63", "71", "73", "76", "78", "81", "83", "85",
                            "87"})
FEMALE_RELATIONS = frozenset({"12", "30", "31", "32", "33", "34", "35", "36", "37", "38", "39", "42", "44", "45",
                              "48", "52", "54", "56", "58", "62", "64", "72", "74", "75", "77", "82", "84", "86",
                              "88"})


def relation_fits_sex(relation: str, sex: str) -> bool:
    """PER-05: a relation code that names a man (or a woman) fits only a person of that sex."""
    return not ((relation in MALE_RELATIONS and sex == "2") or (relation in FEMALE_RELATIONS and sex == "1"))
