"""PER-*: persons and codes."""

from .rule import Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "PER-01",
        "公民身份号码须为18位，校验码符合MOD 11-2，出生日期真实且不晚于今日；性别和出生日期由号码推导。",
        "A citizen ID number has 18 characters, a valid MOD 11-2 check character and a real, non-future "
        "birth "
        "date; sex and birth date are derived from it.",
        "GB 11643-1999",
    ),
    Rule("PER-02", "一个公民身份号码只对应一个人。", "One person per citizen ID number.", "GB 11643-1999"),
    Rule(
        "PER-03",
        "编码符合国家标准（集体14位、承包方18位、地块19位、承包合同19位、流转合同18位、宅基地单元28位），由登"
        "记系统按序分配，永不重复使用。",
        "Codes follow the national standards and are assigned by the registry in sequence, never reused.",
        "NY/T 2539-2016; GB/T 37346-2019; GB/T 2260",
    ),
    Rule(
        "PER-04",
        "公民身份号码的地址码须为GB/T 2260中存在的行政区划：前两位为省级行政区，三、四位为地级行政区（01—70"
        "）或省直辖县级行政区（90）。",
        "The address code of a citizen ID number names a GB/T 2260 region: a province, and a prefecture in "
        "it "
        "(01-70) or the counties the province administers directly (90).",
        "GB 11643-1999; GB/T 2260",
    ),
    Rule(
        "PER-05",
        "与户主关系代码须与公民身份号码中的性别相符：子、女婿、父亲等只适用于男性，女、儿媳、母亲等只适用于女"
        "性。",
        "A relation code that names a man (son, son-in-law, father …) or a woman (daughter, "
        "daughter-in-law, "
        "mother …) fits only a person of that sex by the citizen ID number.",
        "GB/T 4761-2008; GB 11643-1999",
    ),
)
