"""Units (单位, contracting party type 3): the certificate number a unit is known by. The unified social
credit code (统一社会信用代码, GB 32100-2015) is 18 characters of the code set below, the last one a check
character (MOD 31 over the first 17 with the standard's weights)."""

from __future__ import annotations

CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CREDIT_CODE_ID_TYPE = "3"  # CBFZJLX 3: 行政、企事业单位机构代码证或法人代码证 — the credit code replaced both


def credit_code_check_char(first17: str) -> str:
    total = sum(CREDIT_CODE_CHARS.index(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def valid_credit_code(value: str) -> bool:
    """GB 32100: 18 characters of the code set with the right check character."""
    v = (value or "").strip().upper()
    return len(v) == 18 and all(c in CREDIT_CODE_CHARS for c in v) and credit_code_check_char(v[:17]) == v[17]
