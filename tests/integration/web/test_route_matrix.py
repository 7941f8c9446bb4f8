"""Every route × every role and anonymous: allowed, sent to the sign-in page, or refused;
and no confidential Bibob value in any response to someone outside the integrity roles.

Routes are read from the app's URL map, so a new route fails this test until ACCESS
says who may open it (and SAMPLES how to fill its arguments from the demo data).
"""

from __future__ import annotations

import io
import json
from collections import defaultdict
from types import SimpleNamespace
from typing import Any

from pypdf import PdfReader
from sqlalchemy import func, select

from models import Case, CaseEvent, HumanTask, User
from tests.integration.web.conftest import JSON, csrf_token, login
from tests.integration.web.routes import route_rules, route_samples, route_urls
from workflows import demo
from workflows.actors import OFFICER_ROLES
from workflows.disclosure import audience

ANYONE = "anyone"  # also anonymous visitors
SIGNED_IN = "signed in"
OFFICERS = frozenset(OFFICER_ROLES)
STAFF = OFFICERS | {"auditor", "admin"}
# What the issue names confidential (Bibob signals, own investigation, LBB advice), kept
# here rather than read from workflows.disclosure, so a change there cannot hide a leak.
CONFIDENTIAL = frozenset({"bibob_note", "investigation_note", "lbb_motivation",
                          "lbb_advice_summary", "integrity_motivation"})
PERSONAS = ("screening_officer", "integrity_officer", "quality_assessor", "legal_counsel",
            "decision_maker", "contract_manager", "coordinator", "auditor", "admin")

# endpoint -> who may open it: ANYONE, SIGNED_IN or a set of roles. Per-case access (own
# organisation, own lane) comes on top and is checked below as "refused, never shown".
ACCESS: dict[str, Any] = {
    "public.home": ANYONE,
    "auth.login": ANYONE,
    "auth.logout": SIGNED_IN,
    "auth.change_password": SIGNED_IN,
    "cases.index": SIGNED_IN,
    "cases.show": SIGNED_IN,
    "officer.inbox": OFFICERS,
    "portal.home": frozenset({"applicant"}),
    "portal.status": frozenset({"applicant"}),
    "portal.supplement": frozenset({"applicant"}),
    "portal.views": frozenset({"applicant"}),
    "portal.lbb_answers": frozenset({"applicant"}),
    "portal.withdraw": frozenset({"applicant"}),
    "portal.remedy": frozenset({"applicant"}),
    "officer.claim": OFFICERS,
    "officer.release": OFFICERS,
    "officer.distribute": OFFICERS,
    "officer.reassign": OFFICERS,
    "officer.save_work_list": OFFICERS,
    "officer.delete_work_list": OFFICERS,
    "officer.task": OFFICERS,
    "officer.complete": OFFICERS,
    "cases.diagram": STAFF,
    "letters.download": SIGNED_IN,  # per case: own organisation, LBB request integrity only
    "officer.case_action": OFFICERS,  # each action for some officer roles (refused: 403)
    "portal.sign_up": ANYONE,
    "portal.signed_up": ANYONE,
    "portal.confirm": ANYONE,
    "portal.resend": ANYONE,
    "portal.accept": ANYONE,
    "portal.windows": ANYONE,
    "portal.invite": frozenset({"applicant"}),
    "portal.new_application": frozenset({"applicant"}),
    "portal.step": frozenset({"applicant"}),  # own organisation's drafts only (else 404)
    "portal.remove_document": frozenset({"applicant"}),
    "audit.search": frozenset({"auditor"}),
    "audit.history": frozenset({"auditor"}),
    "audit.diagram": frozenset({"auditor"}),
    "audit.dossier": frozenset({"auditor"}),
    "audit.access": frozenset({"admin"}),
}


def _may(endpoint: str, roles: frozenset[str]) -> bool:
    assert endpoint in ACCESS, f"{endpoint}: say in ACCESS who may open it"
    who = ACCESS[endpoint]
    return who in (ANYONE, SIGNED_IN) or bool(roles & who)


def _confidential_values(uow) -> set[str]:
    """Free-text confidential values the demo recorded, as a reader would meet them."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if (key in CONFIDENTIAL and isinstance(value, str)
                        and len(value) >= 15):
                    found.add(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    with uow() as u:
        for payload in u.session.scalars(select(CaseEvent.payload)):
            walk(json.loads(payload))
    return found


def _readable(response) -> str:
    """What the response says: a letter (PDF) by its text, so a leak in a letter shows."""
    if response.mimetype == "application/pdf":
        reader = PdfReader(io.BytesIO(response.data))
        return " ".join(page.extract_text() for page in reader.pages)
    return response.get_data(as_text=True)


def _event_count(uow) -> int:
    with uow() as u:
        return u.session.scalar(select(func.count(CaseEvent.id))) or 0


def _people(uow) -> list[tuple[str, frozenset[str]]]:
    with uow() as u:
        users = {user.email: user for user in u.session.scalars(
            select(User).where(User.email.like("%@demo.test")))}
        # Whoever has something to answer (each response screen opens for them), then
        # another organisation's applicant.
        waiting = set(u.session.scalars(select(Case.provider_id).join(
            HumanTask, HumanTask.case_id == Case.id).where(
            HumanTask.lane == "applicant", HumanTask.completed_at.is_(None))))
        applicants = sorted((e for e, user in users.items() if user.provider_id is not None),
                            key=lambda e: (users[e].provider_id not in waiting, e))
        people = [(f"{p}@demo.test", frozenset(r.role for r in users[f"{p}@demo.test"].roles))
                  for p in PERSONAS if f"{p}@demo.test" in users]
    return people + [(email, frozenset({"applicant"}))
                     for email in applicants[:len(waiting) + 1]]


def test_every_route_for_every_role_and_anonymous(app, uow):
    demo.build_demo(SimpleNamespace(uow=uow))
    samples = route_samples(uow)
    secrets = _confidential_values(uow)
    assert secrets, "the demo records confidential free text (else this test proves nothing)"
    rules = list(route_rules(app))
    undeclared = sorted({rule.endpoint for rule in rules} - ACCESS.keys())
    assert not undeclared, f"say in ACCESS who may open {undeclared}"
    gets = [(rule, url) for rule in rules if "GET" in rule.methods
            for url in route_urls(rule, samples)]
    posts = [(rule, url) for rule in rules if "POST" in rule.methods
             for url in route_urls(rule, samples)]
    wrong: list[str] = []
    events = _event_count(uow)

    anonymous = app.test_client()
    for rule, url in gets:
        response = anonymous.get(url)
        if ACCESS.get(rule.endpoint) == ANYONE:
            ok = response.status_code in (200, 302, 404)
        else:
            ok = (response.status_code == 302
                  and "/inloggen?volgende=" in response.location
                  and anonymous.get(url, headers=JSON).status_code == 401)
        if not ok:
            wrong.append(f"anonymous GET {url}: {response.status_code}")
    for rule, url in posts:
        if ACCESS.get(rule.endpoint) == ANYONE:
            continue
        token = csrf_token(anonymous, "/inloggen")  # a sign-out ends the session it had
        status = anonymous.post(url, data={"csrf_token": token}).status_code
        if status not in (302, 401):
            wrong.append(f"anonymous POST {url}: {status}")

    shown: dict[str, set[str]] = defaultdict(set)
    for email, roles in _people(uow):
        client = app.test_client()
        assert login(client, email, "demo").status_code == 302, email
        actor = SimpleNamespace(roles=roles, has=roles.__contains__,
                                is_officer=bool(roles & OFFICERS))
        sees_secrets = audience(actor) in ("integrity", "auditor")
        for rule, url in gets:
            response = client.get(url)
            status = response.status_code
            if status >= 500:
                wrong.append(f"{email} GET {url}: {status}")
            elif not _may(rule.endpoint, roles) and status not in (403, 404):
                wrong.append(f"{email} GET {url}: {status}, expected refused")
            elif status == 200:
                shown[rule.endpoint].add(email)
            if not sees_secrets:
                body = _readable(response)
                leaked = sorted(s for s in secrets if s in body)
                if leaked:
                    wrong.append(f"{email} GET {url} shows confidential {leaked}")
        token = csrf_token(client, "/wachtwoord")
        for rule, url in posts:
            if _may(rule.endpoint, roles):
                continue
            status = client.post(url, data={"csrf_token": token}).status_code
            if status not in (403, 404):
                wrong.append(f"{email} POST {url}: {status}, expected refused")

    for rule in rules:
        if "GET" in rule.methods and ACCESS.get(rule.endpoint) not in (ANYONE, None):
            if not shown[rule.endpoint]:
                wrong.append(f"{rule.endpoint}: nobody who may open it got a page")
    assert _event_count(uow) == events, "a refused request changed the event log"
    assert not wrong, "\n".join(wrong)
