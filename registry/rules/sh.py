"""SH-*: collective shares."""

from .rule import _ORG, Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "SH-01",
        "集体资产份额按成员大会通过的方案量化到成员、以户记载；静态管理下户内份额不随人口增减而变动。",
        "Shares are quantified by an assembly-adopted plan and recorded per household; under static "
        "management a "
        "household's total does not follow births and deaths.",
        _ORG + "第四十条",
    ),
    Rule(
        "SH-02",
        "份额只能在本集体成员所在户之间转让，任何个人持有份额不得超过章程上限（默认总份额的3%）。",
        "Shares move only between members' households of the same collective; no person may exceed the "
        "charter cap.",
        "《浙江省农村集体经济组织股份合作制改革条例》",
    ),
    Rule(
        "SH-03",
        "份额可以继承；非成员继承人享有收益分配权，但无表决权。",
        "Shares are inheritable; a non-member heir receives dividends but has no vote.",
        "《上海市农村集体资产监督管理条例》",
    ),
    Rule(
        "SH-04",
        "收益分配先提取公积公益金（不低于章程规定比例，默认30%），其余按份额以分为单位分配，合计与可分配总额"
        "完全相等。",
        "A distribution withholds the reserve first, then divides the rest by shares in whole fen, summing "
        "exactly.",
        _ORG + "第四十二条",
    ),
    Rule(
        "SH-05",
        "收益分配方案须在成员大会表决前公示不少于十日。",
        "A distribution plan is open for inspection ≥ 10 days before approval.",
        _ORG + "第四十六条",
    ),
    Rule(
        "SH-06",
        "份额数、每名成员股数、转让和调整的股数须为正整数；任何操作不得使份额反向变动。",
        "Share counts (per member, transferred, adjusted) are positive whole numbers; no operation moves "
        "shares "
        "backwards.",
        _ORG + "第四十条",
    ),
    Rule(
        "SH-07",
        "收益分配年度须在1949年至本年之间；查阅（公示）开始日期不得晚于今日。",
        "A distribution year lies between 1949 and the current year; an inspection does not start in the "
        "future.",
        _ORG + "第四十六条",
    ),
)
