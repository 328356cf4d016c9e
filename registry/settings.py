"""The rule parameters (rules.md defaults in config.Config), read from the app's config in one place.

Built on each call, so a changed config (a test's monkeypatch, an operator's setting) takes effect at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app


@dataclass(frozen=True)
class RuleSettings:
    publicity_days: int  # HS-04
    inspection_days: int  # SH-05
    meeting_notice_days: int  # MEM-02
    settlement_linkage_days: int  # UR-04
    share_cap_percent: int | str  # SH-02, a ratio as written in the charter ("2.5")
    reserve_min_percent: int | str  # SH-04
    surrender_notice_months: int  # LC-06
    contract_extension_window_years: int  # LC-02
    confirmation_valid_days: int  # RS-02
    confirmation_rate_per_hour: int  # RS-02

    @classmethod
    def from_config(cls, config) -> RuleSettings:
        return cls(
            publicity_days=int(config["PUBLICITY_DAYS"]),
            inspection_days=int(config["INSPECTION_DAYS"]),
            meeting_notice_days=int(config["MEETING_NOTICE_DAYS"]),
            settlement_linkage_days=int(config["SETTLEMENT_LINKAGE_DAYS"]),
            share_cap_percent=config["SHARE_CAP_PERCENT"],
            reserve_min_percent=config["RESERVE_MIN_PERCENT"],
            surrender_notice_months=int(config["SURRENDER_NOTICE_MONTHS"]),
            contract_extension_window_years=int(config["CONTRACT_EXTENSION_WINDOW_YEARS"]),
            confirmation_valid_days=int(config["CONFIRMATION_VALID_DAYS"]),
            confirmation_rate_per_hour=int(config["CONFIRMATION_RATE_PER_HOUR"]),
        )


def rule_settings() -> RuleSettings:
    """The rule parameters of the running app (routes and web views hand them to the services)."""
    return RuleSettings.from_config(current_app.config)
