"""Findings of the checks: {check, severity, source, key, message}, rendered in Chinese or English."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import force_locale, gettext


@dataclass(frozen=True)
class Finding:
    check: str  # EX-01 …
    severity: str  # error | warning
    source: str  # layer or table
    key: str  # DKBM, CBFBM …, or "" for the package as a whole
    msgid: str  # English text with {placeholders}; the zh translation lives in the area's messages.po
    params: dict = field(default_factory=dict, hash=False, compare=False)

    def render(self) -> dict:
        return {
            "check": self.check,
            "severity": self.severity,
            "source": self.source,
            "key": self.key,
            "message": gettext(self.msgid).format(**self.params),
        }


def error(check: str, source: str, key: str, msgid: str, **params) -> Finding:
    return Finding(check, "error", source, key, msgid, params)


def warning(check: str, source: str, key: str, msgid: str, **params) -> Finding:
    return Finding(check, "warning", source, key, msgid, params)


def has_errors(findings) -> bool:
    return any(f.severity == "error" for f in findings)


def render_all(findings, lang: str = "zh") -> list[dict]:
    with force_locale("en" if lang == "en" else "zh_Hans_CN"):
        return [f.render() for f in findings]
