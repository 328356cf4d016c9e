"""Every refusal the membership area raises has a Chinese text (clerks read Chinese)."""
import ast
import inspect
from pathlib import Path

from babel.messages.pofile import read_po

from registry import api
from registry.membership import applications, endings, filing, resolutions, roster

ERRORS = {"InvalidInput", "RuleViolation", "Conflict", "NotFound", "Forbidden"}
CATALOG = Path(applications.__file__).parent / "translations" / "zh" / "LC_MESSAGES" / "messages.po"


def _raised_messages(module):
    for node in ast.walk(ast.parse(inspect.getsource(module))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ERRORS and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant):
                yield first.value


def test_every_membership_message_is_translated():
    with CATALOG.open("rb") as fh:
        catalog = read_po(fh)
    translated = {m.id for m in catalog if m.id and m.string}
    messages = {msg for mod in (applications, endings, filing, resolutions, roster) for msg in _raised_messages(mod)}
    messages |= {api.CONSTRAINT_RULES[name][2] for name in
                 ("uq_memberships_active_person", "uq_membership_applications_pending", "membership_filing_immutable")}
    # the foundation catalogue translates these two
    messages -= {"Collective {code} is not registered.", "The person already holds an active membership."}
    assert messages and not messages - translated, sorted(messages - translated)
