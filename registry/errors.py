"""One error hierarchy. Services raise these; the edge maps them to application/problem+json.

`detail` is an English message id with `{name}` fields filled from `params`; the edge translates it (zh_CN by
default)
and formats it with `params`, so services stay free of Flask and of the request's language.
"""

from __future__ import annotations


class RegistryError(Exception):
    status = 400
    title = "Bad request"
    type_slug = "bad-request"

    def __init__(
        self,
        detail: str,
        *,
        rule: str | None = None,
        params: dict | None = None,
        errors: dict | None = None,
        conflicts: list | None = None,
        audit_refusal: bool = False,
        entity: str | None = None,
        entity_id: str | None = None,
        action: str | None = None,
    ):
        super().__init__(detail)
        self.detail = detail
        self.rule = rule
        self.params = params or {}
        self.errors = errors
        self.conflicts = conflicts
        # A refusal that a rule says to keep (UR-05, MEM-05) is written to the audit log by the edge,
        # in its own transaction after the failed one is rolled back.
        self.audit_refusal = audit_refusal
        self.entity = entity
        self.entity_id = entity_id
        self.action = action


class InvalidInput(RegistryError):
    status = 422
    title = "Unprocessable input"
    type_slug = "invalid-input"


class RuleViolation(RegistryError):
    status = 422
    title = "Refused by a registry rule"
    type_slug = "rule-violation"


class Conflict(RegistryError):
    status = 409
    title = "Conflict"
    type_slug = "conflict"


class NotFound(RegistryError):
    status = 404
    title = "Not found"
    type_slug = "not-found"


class Forbidden(RegistryError):
    status = 403
    title = "Forbidden"
    type_slug = "forbidden"


class Unauthorized(RegistryError):
    status = 401
    title = "Authentication required"
    type_slug = "unauthorized"


class TooManyRequests(RegistryError):
    status = 429
    title = "Too many requests"
    type_slug = "too-many-requests"


class Unavailable(RegistryError):
    """A part the service needs (the database, a system font) is not there: 503, the request may be
    retried."""

    status = 503
    title = "Service unavailable"
    type_slug = "unavailable"
