"""HS-*: homesteads."""

from .rule import _LML, Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "HS-01",
        "一户只能拥有一处宅基地：每户至多一项有效宅基地使用权或在办申请。",
        "One household, one homestead: at most one active homestead right or open application.",
        _LML + "第六十二条",
    ),
    Rule(
        "HS-02",
        "宅基地面积不得超过省级规定的标准（按地形分类）。",
        "Area must not exceed the provincial cap for the terrain.",
        _LML + "第六十二条；各省土地管理条例",
    ),
    Rule(
        "HS-03",
        "申请户须包括土地所有权人集体经济组织的有效成员。",
        "The applying household includes an active member of the collective owning the land.",
        _LML + "第六十二条",
    ),
    Rule(
        "HS-04",
        "宅基地申请须经集体内公示（不少于七日）、无未处理异议、乡镇审批后方可登记。",
        "Application → publicity ≥ 7 days → no open objection → approval → registration.",
        "《土地管理法实施条例》第三十四条",
    ),
    Rule(
        "HS-05",
        "出卖、出租、赠与住宅后，再申请宅基地的，不予批准。",
        "A household that sold, rented out or gave away its house cannot apply again.",
        _LML + "第六十二条",
    ),
    Rule(
        "HS-06",
        "宅基地不得占用永久基本农田。",
        "A homestead may not lie on basic farmland.",
        _LML + "第三十五条、第三十七条",
    ),
    Rule(
        "HS-07",
        "非本集体成员继承房屋的，可依法登记宅基地使用权，并注记「该权利人为本农民集体经济组织原成员住宅的合法"
        "继承人」。",
        "A non-member heir of a house may hold the homestead only with the house, with the mandated note.",
        "自然资源部《关于加快宅基地和集体建设用地使用权确权登记工作的通知》",
    ),
    Rule(
        "HS-08",
        "宅基地申请的公示开始日期不得晚于今日，也不得早于申请一年以上。",
        "A homestead publicity does not start in the future, nor more than a year before the application.",
        "《土地管理法实施条例》第三十四条",
    ),
)
