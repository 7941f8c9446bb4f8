"""The app's routes with their arguments filled from the demo data, for the tests that
must visit every page (the route matrix, the raw-codes check)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from sqlalchemy import func, select
from werkzeug.routing import Rule

from models import Case, HumanTask, Letter, RegistrationWindow, User
from workflows import applying, people
from workflows.actors import SYSTEM


def route_rules(app) -> Iterator[Rule]:
    for rule in app.url_map.iter_rules():
        if rule.endpoint not in ("static", "vendor.asset"):
            yield rule


def route_samples(uow) -> dict[str, list[Any]]:
    """Values for route arguments: every demo case (with one of its letters), and open
    tasks of each lane."""
    with uow() as u:
        cases = list(u.session.scalars(select(Case.id).order_by(Case.id)))
        # One letter per case, in the same order as the cases: the URL pairs them.
        letters = dict(u.session.execute(select(Letter.case_id, func.min(Letter.id))
                                         .group_by(Letter.case_id)).all())
        tasks = list(u.session.execute(
            select(HumanTask.lane, func.min(HumanTask.task_id))
            .where(HumanTask.completed_at.is_(None)).group_by(HumanTask.lane)))
    steps = ["zorg", "integriteit", "kwaliteit", "documenten", "controle"]
    return {"case_id": cases, "task_id": [task_id for _, task_id in tasks],
            "list_id": [1], "letter_id": [letters.get(case_id, 1) for case_id in cases],
            "application_id": [_demo_draft(uow)] * len(steps),
            "step": steps, "document_id": [1], "token": ["geen-geldige-link"],
            "action": ["notitie", "aanvulling", "ingebrekestelling", "verdaging",
                       "lbb-vragen", "intrekking"]}


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


def _demo_draft(uow) -> int:
    """A draft of the first applicant the route matrix signs in as, made by the wizard's
    own use case."""
    with uow() as u:
        user = u.session.scalars(select(User).where(
            User.email.like("%@demo.test"), User.provider_id.is_not(None))
            .order_by(User.email)).first()
        window_id = u.session.scalars(select(RegistrationWindow.id)).first()
        actor = people.actor_for(u, SYSTEM, user_id=user.id)
        draft_id = applying.start_draft(u, actor, window_id=window_id)
        u.commit()
    return draft_id
