"""RG-*: the register, certificates and the audit log."""

from .rule import Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "RG-01",
        "权利的每次变更均为登记簿中的一条记录：编号、日期、经办人、原因；记录不得修改或删除，可回溯任一日期的"
        "状态。",
        "Every change of a right is a numbered register entry; entries are never changed; past states can be "
        "read.",
        "《不动产登记暂行条例》第八条",
    ),
    Rule(
        "RG-02",
        "证书只能依已登记的权利颁发；补发、换发、注销均记录原因；每份证书带有可公开核验的验证码。",
        "A certificate is issued only from a registered right; re-issue, replacement and cancellation are "
        "recorded; "
        "each carries a verification code.",
        "《不动产登记暂行条例》第二十一条",
    ),
    Rule(
        "RG-03",
        "审计日志只增不改，以哈希链相连；校验命令发现任何被修改或删除的记录即报错。",
        "The audit log is append-only and hash-chained; verification fails on any edited or removed entry.",
        "GB/T 22239-2019",
    ),
)
