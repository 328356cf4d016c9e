"""SEC-*: security."""

from .rule import Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "SEC-01",
        "默认拒绝：文书仅限本集体，审核人仅限本县，派出所仅限本县户籍事项和落户确认。",
        "Deny by default: a clerk acts only in their collective, a reviewer in their county, a police "
        "station only "
        "through hukou events and confirmations in its county.",
        "《个人信息保护法》",
    ),
    Rule(
        "SEC-02",
        "公民身份号码在列表中及对无需完整号码的角色一律脱敏显示。",
        "Citizen ID numbers are masked in lists and for roles that do not need the full number.",
        "《个人信息保护法》",
    ),
    Rule(
        "SEC-03",
        "密码以慢哈希存储；API令牌以哈希存储并会过期。",
        "Passwords are stored with a slow hash; API tokens are stored hashed and expire.",
        "GB/T 22239-2019",
    ),
    Rule(
        "SEC-04",
        "会话和签名链接使用本部署独有的密钥签名：未配置时首次启动随机生成，绝不使用写在源代码中的密钥；以其他"
        "密钥签名的 Cookie 一律无效。",
        "Sessions and signed links are signed with a key that belongs to one deployment: generated at random "
        "on "
        "first start when none is configured, never a key written in the source. A cookie signed with any "
        "other "
        "key is ignored.",
        "GB/T 22239-2019",
    ),
    Rule(
        "SEC-05",
        "按用户名和客户端地址限制密码猜测（15分钟内失败10次即返回429并附Retry-After），API令牌与网页登录同样"
        "适用；每次被限制的尝试均留痕。",
        "Password guessing is throttled per user name and per client address (10 failures in 15 minutes → "
        "429 "
        "with Retry-After), for API tokens and web sign-in alike; every throttled attempt is audited.",
        "GB/T 22239-2019",
    ),
)
