"""Who is acting, and the scope checks every service applies (SEC-01). No Flask here."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Forbidden


@dataclass(frozen=True)
class Actor:
    username: str
    role: str
    scope: str | None = None
    user_id: int | None = None

    @property
    def county(self) -> str | None:
        return self.scope[:6] if self.scope else None

    def in_collective(self, collective_code: str) -> bool:
        if self.role == "admin":
            return True
        if self.role == "clerk":
            return self.scope == collective_code
        return self.scope == collective_code[:6]

    def require_role(self, *roles: str) -> None:
        if self.role != "admin" and self.role not in roles:
            raise Forbidden("The role {role} may not do this.", rule="SEC-01", params={"role": self.role})

    def require_collective(self, collective_code: str, *roles: str) -> None:
        """Acting on one collective: the role must be allowed, and the collective inside the actor's scope."""
        if roles:
            self.require_role(*roles)
        if not self.in_collective(collective_code):
            raise Forbidden(
                "Collective {code} is outside your scope.", rule="SEC-01", params={"code": collective_code}
            )

    def require_county(self, county_code: str, *roles: str) -> None:
        if roles:
            self.require_role(*roles)
        if self.role != "admin" and (self.role == "clerk" or self.scope != county_code):
            raise Forbidden(
                "County {code} is outside your scope.", rule="SEC-01", params={"code": county_code}
            )


SYSTEM = Actor(username="system", role="admin")
