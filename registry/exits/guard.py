"""The settlement-linkage guard (UR-02): no exit may give urban settlement as its reason or condition.

One function, used by every exit path (POST /exits, contract surrender, share redemption, homestead exit).
Coded reasons and Chinese or English free text alike are recognised.
"""

from __future__ import annotations

import re

from ..errors import RuleViolation

_PATTERNS = [
    r"进城",
    r"落户(到|在|于)?(城|市|镇|县城)",
    r"(城镇|城市|城区|县城|市区)(户口|户籍|落户|居民户)",
    r"迁(入|往|到|至)(城|市|镇|县城)",
    r"农转非",
    r"转(为|成)?(城镇|非农|城市)户",
    r"(城镇|城市)化?落户",
    r"urban[\s_\-]*settle",
    r"settle[sd]?[\s_\-]*(in|into|to)?[\s_\-]*((a|the)[\s_\-]+)?(town|city|urban)",
    r"(town|city|urban)[\s_\-]*(hukou|household[\s_\-]*registration|residen)",
    r"move[sd]?[\s_\-]*to[\s_\-]*(the[\s_\-]+)?(town|city)",
]
_RE = re.compile("|".join(_PATTERNS), re.IGNORECASE)


def names_urban_settlement(text: str | None) -> bool:
    if not text:
        return False
    compact = re.sub(r"\s+", "", text) if re.search(r"[\u4e00-\u9fff]", text) else text
    return bool(_RE.search(compact) or _RE.search(text))


def refuse_settlement_linkage(*texts: str | None, entity: str, entity_id: str, action: str) -> None:
    """Raise UR-02 (audited, UR-05) when any of the texts gives urban settlement as reason or condition."""
    for t in texts:
        if names_urban_settlement(t):
            raise RuleViolation(
                "An exit, surrender or termination may not give urban settlement as its reason or condition; "
                "it "
                "must be the holder's own voluntary, written and compensated act.",
                rule="UR-02",
                errors={"reason": ["urban settlement is never a reason or condition"]},
                audit_refusal=True,
                entity=entity,
                entity_id=entity_id,
                action=action,
            )
