"""Domain errors; the web layer maps each class to one HTTP status in one place.

Each class has a stable machine-readable `code` (what the API promises; never reworded)
beside its Dutch `message` (what a person reads; may be reworded).

    ToelatingError                          code
    ├── NotFound        (404)  not_found         no such case, task or record, or not
    │                                             visible to you
    ├── NotAllowed      (403)  not_allowed       your role or organisation may not do this
    ├── SignInRequired  (401)  sign_in_required  not signed in, the session ended, or the
    │                                             credentials are wrong
    ├── Conflict        (409)  conflict          someone else changed the case first, the
    │   │                                         task is done, or the database is busy
    │   └── TaskAlreadyDone    task_already_done  someone else completed the task; says
    │                                             who and when
    ├── InvalidInput    (422)  invalid_input     the data is wrong; `fields` says what per
    │                                             field
    ├── RateLimited     (429)  rate_limited      too many failed attempts; wait and retry
    ├── ProcedureFailed (500)  procedure_failed  a step of the procedure failed; the case
    │                                             is unchanged
    ├── DamagedLog      (500)  damaged_log       a case's event log cannot be replayed
    └── DamagedDossier  (422)  damaged_dossier   an exported dossier does not prove
                                                  itself (names the file or sequence)
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from workflows.deadlines.atw import long_date


def long_moment(moment: datetime) -> str:
    """An instant as Dutch words in Amsterdam time: 11 december 2026 om 09:00."""
    local = moment.astimezone(ZoneInfo("Europe/Amsterdam"))
    return f"{long_date(local.date())} om {local:%H:%M}"


class ToelatingError(Exception):
    status = 400
    code = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(ToelatingError):
    status = 404
    code = "not_found"


class NotAllowed(ToelatingError):
    status = 403
    code = "not_allowed"


class SignInRequired(ToelatingError):
    status = 401
    code = "sign_in_required"


class Conflict(ToelatingError):
    status = 409
    code = "conflict"


class TaskAlreadyDone(Conflict):
    code = "task_already_done"

    def __init__(self, completed_by: str | None, completed_by_name: str | None,
                 completed_at: datetime | None) -> None:
        who = completed_by_name or completed_by or "iemand anders"
        when = f" op {long_moment(completed_at)}" if completed_at else ""
        super().__init__(f"Deze taak is al afgerond door {who}{when}. Wat u invulde is "
                         "niet verwerkt; de zaak is niet gewijzigd.")
        self.completed_by, self.completed_by_name = completed_by, completed_by_name
        self.completed_at = completed_at


class InvalidInput(ToelatingError):
    status = 422
    code = "invalid_input"

    def __init__(self, message: str, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.fields = fields or {}


class RateLimited(ToelatingError):
    status = 429
    code = "rate_limited"


class ProcedureFailed(ToelatingError):
    status = 500
    code = "procedure_failed"

    def __init__(self, task: str | None, reason: str, title: str | None = None) -> None:
        """`task` is the step's id (for machines), `title` its name in the diagram."""
        step = f"De stap '{title}'" if title else "Een stap van de procedure"
        super().__init__(f"{step} is mislukt: {reason}. De zaak is ongewijzigd.")
        self.task, self.reason = task, reason


class DamagedLog(ToelatingError):
    status = 500
    code = "damaged_log"


class DamagedDossier(ToelatingError):
    status = 422
    code = "damaged_dossier"
