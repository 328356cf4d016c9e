"""The charter parameters the share rules need, taken from the rule settings by the route and handed to
services."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from .allocation import parse_ratio

if TYPE_CHECKING:
    from ..settings import RuleSettings


@dataclass(frozen=True)
class ShareSettings:
    cap_percent: Fraction = Fraction(3)  # SH-02: no person above this share of all shares
    reserve_min_percent: Fraction = Fraction(30)  # SH-04: charter minimum of the reserve
    inspection_days: int = 10  # SH-05
    notice_days: int = 10  # MEM-02

    @classmethod
    def from_rules(cls, rules: RuleSettings) -> ShareSettings:
        return cls(
            cap_percent=parse_ratio(rules.share_cap_percent),
            reserve_min_percent=parse_ratio(rules.reserve_min_percent),
            inspection_days=rules.inspection_days,
            notice_days=rules.meeting_notice_days,
        )
