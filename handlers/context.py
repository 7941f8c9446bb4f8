"""What a handler gets: the open session of the command, and who/when/where."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class HandlerContext:
    session: Session
    case_id: int
    actor: str
    at: datetime
    task: str | None
    task_id: str | None
    data: dict[str, Any]

    @property
    def idempotency_key(self) -> str:
        """Task ids are deterministic per command, so a key is never reused by another send."""
        return f"case/{self.case_id}/task/{self.task_id}"


Handler = Callable[[HandlerContext, dict[str, Any]], dict[str, Any]]
