"""MEM-*: membership."""

from .rule import _ORG, Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "MEM-01",
        "一人在所有集体经济组织中至多有一个有效成员身份；另一集体确认其成员身份时，原成员身份同时终止（取得其"
        "他集体成员身份）。",
        "A person holds at most one active membership; when another collective confirms them, the old one "
        "ends "
        "at that moment with reason acquired_other.",
        _ORG + "第十七条第一款第三项",
    ),
    Rule(
        "MEM-02",
        "成员身份只能由成员大会决议确认：提前十日通知，有完全民事行为能力成员三分之二以上出席，全体成员三分之"
        "二以上同意；成员代表大会不得确认成员。",
        "Membership is confirmed only by a members' assembly noticed ≥ 10 days ahead, attended by ≥ 2/3 of "
        "members "
        "with full capacity and approved by ≥ 2/3 of all members; a representatives' assembly cannot "
        "confirm.",
        _ORG + "第二十七条、第二十八条",
    ),
    Rule(
        "MEM-03",
        "成员所生子女申请确认成员身份的，应当确认，不得决议否决。",
        "A child born to a member shall be confirmed: a resolution rejecting it is refused.",
        _ORG + "第十二条",
    ),
    Rule(
        "MEM-04",
        "成员身份仅因死亡、丧失中国国籍、取得其他集体成员身份、成为公务员（聘任制除外）、书面申请自愿退出或法"
        "律章程规定的其他事由而丧失。",
        "A membership ends only for death, loss of nationality, acquiring another membership, becoming a "
        "civil "
        "servant (not a contract one), voluntary exit, or another cause stated in law or charter.",
        _ORG + "第十六条、第十七条",
    ),
    Rule(
        "MEM-05",
        "因求学、服役、务工、经商、结婚（另一集体确认前）、离婚、丧偶、服刑、进城落户等，不得取消成员身份。",
        "Study, military service, migrant work, business, marriage, divorce, widowhood, imprisonment or "
        "urban "
        "settlement never end a membership.",
        _ORG + "第十八条",
    ),
    Rule(
        "MEM-06",
        "成员名册的每次变更须报乡镇人民政府和县级农业农村主管部门备案。",
        "Every roster change is filed with the township and the county agricultural department.",
        _ORG + "第十二条",
    ),
    Rule(
        "MEM-07",
        "妇女享有与男子平等的权利，任何规则或理由不得以性别或婚姻状况为依据。",
        "Women have equal rights: no rule or reason may be keyed on sex or marital status.",
        _ORG + "第八条；《妇女权益保障法》第五十五条",
    ),
)
