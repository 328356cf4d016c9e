"""RS-*: rural settlement (hukou)."""

from .rule import _ORG, Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "RS-01",
        "户口迁入农村仅限于该集体经济组织的有效成员且其户在当地拥有有效宅基地使用权，并记录集体的确认。",
        "A hukou may move into a rural area only for an active member whose household holds an active "
        "homestead "
        "there.",
        "国发〔2014〕25号；《户口登记条例》",
    ),
    Rule(
        "RS-02",
        "派出所凭公民身份号码和集体编码查询，答复仅含是否符合、规则依据、确认编号、验证码和有效期，不披露其他"
        "信息；每次查询均留痕。",
        "A police station asks with an ID number and collective code; the answer discloses nothing else; "
        "every "
        "query is audited.",
        "《个人信息保护法》第六条",
    ),
    Rule(
        "RS-03",
        "户口迁入本身不产生成员身份，只生成待成员大会审议的申请。",
        "A recorded hukou move-in never creates a membership by itself: it creates a pending application.",
        _ORG + "第十二条",
    ),
    Rule(
        "RS-04",
        "户籍事项须与其人相符：出生登记仅限于出生日期即为该日期或在一年以内的人；任何事项不得早于其人出生，也"
        "不得晚于今日。",
        "A hukou event fits its person: a birth only for a person born on that date or within the year "
        "before; "
        "no event before the person's birth or after today.",
        "《户口登记条例》第七条",
    ),
)
