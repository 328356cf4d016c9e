"""UR-*: urban settlement and the one exit path."""

from .rule import _LCL, _LML, Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "UR-01",
        "登记进城落户不改变成员身份、承包经营权、宅基地使用权、份额及收益分配权。",
        "Recording an urban settlement changes no membership, contract, homestead, share or dividend "
        "entitlement.",
        "国发〔2014〕25号",
    ),
    Rule(
        "UR-02",
        "任何退出、交回或终止承包地、宅基地、份额的行为，不得以进城落户为理由或条件，须为权利人自愿有偿的书面"
        "行为。",
        "No exit, surrender or termination may give urban settlement as reason or condition; it must be "
        "voluntary, "
        "written and compensated.",
        _LCL + "第二十七条；" + _LML + "第六十二条",
    ),
    Rule(
        "UR-03",
        "进城落户办理过程中不得询问、核查权利状况，也不得因权利状况受阻。",
        "Nothing in the urban-settlement path asks for, checks or is blocked by the state of a person's "
        "rights.",
        "国发〔2014〕25号",
    ),
    Rule(
        "UR-04",
        "落户城镇后180日内提出的退出、交回或份额赎回予以标记；审核人须明确确认其为自愿且非落户条件方可批准。",
        "An exit filed within 180 days after the household's urban settlement is flagged and needs a "
        "reviewer's "
        "explicit attestation.",
        "国发〔2014〕25号",
    ),
    Rule(
        "UR-05",
        "依UR-02或MEM-05被拒绝的每次尝试均记入审计日志，并记录操作人。",
        "Every refused attempt under UR-02 or MEM-05 is kept in the audit log with who tried.",
        "国发〔2014〕25号",
    ),
    Rule(
        "UR-06",
        "农户的权利（土地承包经营权、宅基地使用权）只能随户退出：退出或交回须列明每一名成年共有人并附其本人的"
        "书面意见"
        "（或户主的书面意见并附其他共有人的书面同意），一名成员的意见不能放弃其他成员的份额。",
        "A household's right (land contract, homestead) leaves the household only with the household: an "
        "exit or "
        "surrender carries the written statement of every other adult co-holder; one member's statement "
        "never "
        "gives up the others' share.",
        "《农村土地承包法》第十六条、第三十条；《民法典》第三百零一条",
    ),
)
