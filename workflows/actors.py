"""Who acts: every use case gets the acting person (or the system) explicitly."""

from __future__ import annotations

from dataclasses import dataclass, field

OFFICER_ROLES = frozenset({
    "screening_officer", "integrity_officer", "quality_assessor", "legal_counsel",
    "decision_maker", "contract_manager",
})


@dataclass(frozen=True)
class Actor:
    email: str
    name: str
    roles: frozenset[str] = field(default_factory=frozenset)
    user_id: int | None = None
    provider_id: int | None = None

    def has(self, role: str) -> bool:
        return role in self.roles

    @property
    def is_officer(self) -> bool:
        return bool(self.roles & OFFICER_ROLES)


SYSTEM = Actor(email="system", name="Toelating (automatisch)", roles=frozenset({"system"}))
