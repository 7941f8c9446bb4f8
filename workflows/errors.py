"""Domain errors; the web layer maps each class to one HTTP status in one place.

    ToelatingError
    ├── NotFound        (404)  no such case, task or record, or not visible to you
    ├── NotAllowed      (403)  your role or organisation may not do this
    ├── Conflict        (409)  someone else changed the case first, or the task is done
    ├── InvalidInput    (422)  the data is wrong; `fields` says what per field
    └── ProcedureFailed (500)  a step of the procedure failed; the case is unchanged
"""

from __future__ import annotations


class ToelatingError(Exception):
    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(ToelatingError):
    status = 404


class NotAllowed(ToelatingError):
    status = 403


class Conflict(ToelatingError):
    status = 409


class InvalidInput(ToelatingError):
    status = 422

    def __init__(self, message: str, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.fields = fields or {}


class ProcedureFailed(ToelatingError):
    status = 500

    def __init__(self, task: str, reason: str) -> None:
        super().__init__(f"De stap '{task}' is mislukt: {reason}. De zaak is ongewijzigd.")
        self.task, self.reason = task, reason
