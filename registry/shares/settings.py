"""The charter parameters the share rules need, read from the app config by the route and handed to services."""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .allocation import parse_ratio


@dataclass(frozen=True)
class ShareSettings:
    cap_percent: Fraction = Fraction(3)          # SH-02: no person above this share of all shares
    reserve_min_percent: Fraction = Fraction(30)  # SH-04: charter minimum of the reserve
    inspection_days: int = 10                    # SH-05
    notice_days: int = 10                        # MEM-02

    @classmethod
    def from_mapping(cls, config) -> ShareSettings:
        return cls(cap_percent=parse_ratio(config.get("SHARE_CAP_PERCENT", 3)),
                   reserve_min_percent=parse_ratio(config.get("RESERVE_MIN_PERCENT", 30)),
                   inspection_days=int(config.get("INSPECTION_DAYS", 10)),
                   notice_days=int(config.get("MEETING_NOTICE_DAYS", 10)))
