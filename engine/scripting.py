"""The script engine: pure data transforms in, side effects only through service tasks.

SpiffWorkflow evaluates scripts with plain eval/exec. Scripts are reviewed code (see
engine.lint), and every source is checked again and compiled here with guards that bound
what it can make and how long it can run (engine.script_compile, engine.limits); it runs
with a small set of builtins, so a careless `open()` fails loudly instead of touching the
disk. The checks live in the environment, which SpiffWorkflow also calls directly (for
correlation keys and completion conditions), not only in the engine.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Callable
from typing import Any

from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment

from engine import limits, script_collections, script_guards, script_rules
from engine.script_compile import compiled

# (operation name, evaluated parameters, {"task": bpmn id, "task_id": ..., "data": ...})
ServiceCaller = Callable[[str, dict[str, Any], dict[str, Any]], dict[str, Any]]

# Exactly the builtins the allow-list knows (engine.script_rules): no builtin the lint
# has not reasoned about can be reached.
SAFE_BUILTINS = {name: getattr(builtins, name) for name in sorted(script_rules.BUILTIN_NAMES)}
# The guards sit with the builtins, so nothing is copied into the task data per call. A
# script cannot name them (the allow-list refuses `_` names); a data key of such a name
# would hold data, not a function, so the call would fail rather than skip the check.
_SCRIPT_BUILTINS = {**SAFE_BUILTINS, **script_guards.GUARDS}


class ServiceEnvironment(TaskDataEnvironment):
    def __init__(self, caller: ServiceCaller) -> None:
        super().__init__({"__builtins__": _SCRIPT_BUILTINS})
        self.caller = caller

    def evaluate(self, expression: str, context: dict[str, Any],
                 external_context: dict[str, Any] | None = None) -> Any:
        code = compiled(expression, "eval")
        with limits.ScriptTime():
            return super().evaluate(code, context, external_context)

    def execute(self, script: str, context: dict[str, Any],
                external_context: dict[str, Any] | None = None) -> bool:
        code = compiled(script, "exec")
        with limits.ScriptTime():
            super().execute(code, context, external_context)
            script_collections.check_data(context)
        return True

    def call_service(self, context: dict[str, Any], operation_name: str = "",
                     operation_params: dict[str, Any] | None = None,
                     task: Any = None, **_: Any) -> str:
        params = {k: v["value"] for k, v in (operation_params or {}).items()}
        meta = {"task": task.task_spec.bpmn_id if task else None,
                "task_id": str(task.id) if task else None, "data": dict(context)}
        return json.dumps(self.caller(operation_name, params, meta))


class ScriptEngine(PythonScriptEngine):
    """Mends the library's call_service, which hides errors behind a NameError."""

    def __init__(self, caller: ServiceCaller) -> None:
        super().__init__(environment=ServiceEnvironment(caller))

    def call_service(self, task: Any, **kwargs: Any) -> str:
        try:
            result: str = self.environment.call_service(task.data, task=task, **kwargs)
            return result
        except WorkflowTaskException:
            raise
        except Exception as err:
            raise WorkflowTaskException(f"{type(err).__name__}: {err}", task=task,
                                        exception=err) from err
