"""A service's refusal, made readable on a page: rule ID, the catalogue's text, the message, and per-field
notes.

The views never decide anything themselves; they catch the RegistryError a service raised, roll back, keep
refusals the rules say to keep (UR-05, MEM-05: same path as the API edge), and show this next to the form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask_babel import get_locale, gettext

from ..api import audit_refusal, translate
from ..db import db
from ..errors import RegistryError
from ..rules import BY_ID
from .labels import label


def _is_en() -> bool:
    loc = get_locale()
    return loc is not None and loc.language == "en"


def note(msg: str) -> str:
    """A field note in the user's language. Services write short English notes, some with a number or a
    list of codes in them: those are looked up with the number as {n} ("notice at least {n} days …")."""
    text = gettext(msg)
    if text != msg:
        return text
    if msg.startswith("one of "):
        return gettext("one of {choices}").format(choices=msg[len("one of ") :])
    numbers = re.findall(r"\d+", msg)
    if len(numbers) == 1:
        generic = re.sub(r"\d+", "{n}", msg)
        text = gettext(generic)
        if text != generic:
            return text.format(n=numbers[0])
    match = re.fullmatch(r"missing the written statement of (.+)", msg)  # UR-06, masked ID numbers
    if match:
        return gettext("missing the written statement of {who}").format(who=match.group(1))
    match = re.fullmatch(r"([a-z_]+) (needs its document)", msg)
    if match:
        return gettext("{reason} needs its document").format(reason=label("end_reason", match.group(1)))
    return msg


@dataclass
class Refusal:
    status: int
    message: str
    rule: str | None = None
    rule_text_zh: str | None = None
    rule_text_en: str | None = None
    errors: dict[str, list[str]] = field(default_factory=dict)
    conflicts: list = field(default_factory=list)

    def for_field(self, name: str) -> list[str]:
        return self.errors.get(name, [])


def refusal_from(err: RegistryError) -> Refusal:
    rule = BY_ID.get(err.rule) if err.rule else None
    errors = {}
    for key, messages in (err.errors or {}).items():
        items = messages if isinstance(messages, list) else [messages]
        errors[str(key)] = [note(str(m)) for m in items]
    return Refusal(
        status=err.status,
        message=translate(err.detail, err.params),
        rule=err.rule,
        rule_text_zh=rule.text_zh if rule else None,
        rule_text_en=rule.text_en if rule and _is_en() else None,
        errors=errors,
        conflicts=list(err.conflicts or []),
    )


def refuse(err: RegistryError) -> Refusal:
    """Roll the request's transaction back, keep the refusal in the audit log where a rule asks, describe
    it."""
    db.session.rollback()
    if err.audit_refusal or (err.status == 403 and err.rule == "SEC-01"):  # out of scope: kept with who tried
        audit_refusal(err)
    return refusal_from(err)
