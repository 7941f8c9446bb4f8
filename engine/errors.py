"""Engine errors. The application layer turns them into domain errors for people.

    EngineError
    ├── SpecError          a file or bundle cannot be deployed (lint, parse)
    ├── TaskNotReady       the task is not open (done by someone else, or never existed)
    ├── StepFailed         a script, condition, DMN table or service task failed, or
    │                      a script went past its size or time limit (engine.limits)
    └── CaseConflict       another command changed the case first
"""

from __future__ import annotations


class EngineError(Exception):
    pass


class SpecError(EngineError):
    def __init__(self, filename: str, element: str | None, message: str) -> None:
        self.filename, self.element, self.message = filename, element, message
        where = f"{filename}, element '{element}'" if element else filename
        super().__init__(f"{where}: {message}")


class TaskNotReady(EngineError):
    pass


class StepFailed(EngineError):
    """`task` is the step's id; `title` its name as drawn in the diagram, for people."""

    def __init__(self, task: str, reason: str, title: str | None = None) -> None:
        self.task, self.reason, self.title = task, reason, title or task
        super().__init__(f"Stap '{task}' mislukt: {reason}")


class CaseConflict(EngineError):
    pass
