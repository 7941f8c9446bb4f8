"""The script engine: pure data transforms in, side effects only through service tasks.

SpiffWorkflow evaluates scripts with plain eval/exec. Scripts are reviewed code (see
engine.lint, which also refuses imports and dunder access), and run here with a small
set of builtins so that a careless `open()` fails loudly instead of touching the disk.
"""

from __future__ import annotations

import ast
import builtins
import json
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment

from engine import script_rules

# (operation name, evaluated parameters, {"task": bpmn id, "task_id": ..., "data": ...})
ServiceCaller = Callable[[str, dict[str, Any], dict[str, Any]], dict[str, Any]]

_SAFE_NAMES = (
    "abs", "all", "any", "bool", "dict", "enumerate", "filter", "float", "int", "isinstance",
    "len", "list", "map", "max", "min", "range", "round", "set", "sorted", "str", "sum",
    "tuple", "zip", "True", "False", "None", "ValueError", "KeyError", "Exception",
)
SAFE_BUILTINS = {name: getattr(builtins, name) for name in _SAFE_NAMES}


@lru_cache(maxsize=4096)
def _verdict(source: str, mode: str) -> str | None:
    try:
        return script_rules.forbidden(ast.parse(source, mode=mode))
    except SyntaxError:
        return None  # the library reports syntax errors itself, with the line


def _refuse_if_forbidden(task: Any, source: str, mode: str) -> None:
    found = _verdict(source, mode)
    if found is not None:
        raise WorkflowTaskException(f"niet toegestaan in een script of expressie: {found}",
                                    task=task)


class ServiceEnvironment(TaskDataEnvironment):
    def __init__(self, caller: ServiceCaller) -> None:
        super().__init__({"__builtins__": SAFE_BUILTINS})
        self.caller = caller

    def call_service(self, context: dict[str, Any], operation_name: str = "",
                     operation_params: dict[str, Any] | None = None,
                     task: Any = None, **_: Any) -> str:
        params = {k: v["value"] for k, v in (operation_params or {}).items()}
        meta = {"task": task.task_spec.bpmn_id if task else None,
                "task_id": str(task.id) if task else None, "data": dict(context)}
        return json.dumps(self.caller(operation_name, params, meta))


class ScriptEngine(PythonScriptEngine):
    """Checks every expression and script against the allow-list before it runs (also
    those the deploy-time lint cannot see, such as message payloads), and mends the
    library's call_service, which hides errors behind a NameError."""

    def __init__(self, caller: ServiceCaller) -> None:
        super().__init__(environment=ServiceEnvironment(caller))

    def evaluate(self, task: Any, expression: str, external_context: Any = None) -> Any:
        _refuse_if_forbidden(task, expression, "eval")
        return super().evaluate(task, expression, external_context)

    def execute(self, task: Any, script: str, external_context: Any = None) -> Any:
        _refuse_if_forbidden(task, script, "exec")
        return super().execute(task, script, external_context)

    def call_service(self, task: Any, **kwargs: Any) -> str:
        try:
            result: str = self.environment.call_service(task.data, task=task, **kwargs)
            return result
        except WorkflowTaskException:
            raise
        except Exception as err:
            raise WorkflowTaskException(f"{type(err).__name__}: {err}", task=task,
                                        exception=err) from err
