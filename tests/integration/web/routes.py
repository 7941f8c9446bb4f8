"""The app's routes with their arguments filled from the demo data, for the tests that
must visit every page (the route matrix, the raw-codes check)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from sqlalchemy import func, select
from werkzeug.routing import Rule

from models import Case, HumanTask


def route_rules(app) -> Iterator[Rule]:
    for rule in app.url_map.iter_rules():
        if rule.endpoint not in ("static", "vendor.asset"):
            yield rule


def route_samples(uow) -> dict[str, list[Any]]:
    """Values for route arguments: every demo case, and open tasks of each lane."""
    with uow() as u:
        cases = list(u.session.scalars(select(Case.id).order_by(Case.id)))
        tasks = list(u.session.execute(
            select(HumanTask.lane, func.min(HumanTask.task_id))
            .where(HumanTask.completed_at.is_(None)).group_by(HumanTask.lane)))
    return {"case_id": cases, "task_id": [task_id for _, task_id in tasks],
            "list_id": [1],
            "action": ["notitie", "aanvulling", "ingebrekestelling", "verdaging",
                       "lbb-vragen"]}


def route_urls(rule: Rule, samples: dict[str, list[Any]]) -> list[str]:
    arguments = sorted(rule.arguments)
    missing = [name for name in arguments if name not in samples]
    assert not missing, f"{rule.rule}: no sample values for {missing}; add them to route_samples"
    if not arguments:
        return [rule.rule]
    urls = []
    for values in zip(*(samples[name] for name in arguments), strict=False):
        path = rule.rule
        for name, value in zip(arguments, values, strict=True):
            path = _fill(path, name, value)
        urls.append(path)
    return urls


def _fill(path: str, name: str, value: Any) -> str:
    start = path.index("<")
    while path[start:path.index(">", start) + 1].strip("<>").split(":")[-1] != name:
        start = path.index("<", start + 1)
    return path[:start] + quote(str(value)) + path[path.index(">", start) + 1:]
