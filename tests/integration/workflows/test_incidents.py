"""A case whose tick keeps failing becomes an incident an admin can retry."""

from __future__ import annotations

from datetime import timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import func, select

from engine import clock
from models import Case, CaseEvent
from tests.integration.workflows.sleeper import deploy_sleeper, start_sleeper
from workflows import incidents
from workflows.actors import SYSTEM
from workflows.errors import NotAllowed
from workflows.jobs import timers


@pytest.fixture
def orphan(uow):
    """A sleeping case without a provider: its wake-up letter cannot be addressed."""
    wake_at = clock.now() + timedelta(hours=1)
    with uow() as u:
        deploy_sleeper(u)
        case_id = start_sleeper(u, wake_at, provider_id=None)
        u.commit()
    return case_id, wake_at


def ticks(uow, case_id):
    with uow() as u:
        return u.session.scalar(select(func.count()).where(
            CaseEvent.case_id == case_id, CaseEvent.kind == "tick"))


def test_repeated_tick_failures_park_the_case_as_an_incident(uow, actors, orphan):
    case_id, wake_at = orphan
    with freeze_time(wake_at + timedelta(seconds=1)):
        for _ in range(incidents.MAX_FAILURES + 2):
            assert timers.tick_due_cases(uow) == 0
        with uow() as u:
            found = incidents.list_incidents(u, actors["admin"])
            assert timers.due_case_ids(u, SYSTEM, clock.now()) == []
    assert [(i.case_id, i.failures, i.parked) for i in found] == [
        (case_id, incidents.MAX_FAILURES, True)]
    assert "geen aanbieder" in found[0].error
    assert ticks(uow, case_id) == 0


def test_an_admin_retries_the_incident_after_the_cause_is_fixed(uow, actors, orphan):
    case_id, wake_at = orphan
    with freeze_time(wake_at + timedelta(seconds=1)):
        for _ in range(incidents.MAX_FAILURES):
            timers.tick_due_cases(uow)
        with uow() as u:
            u.session.get(Case, case_id).provider_id = actors["applicant_a"].provider_id
            incident = incidents.list_incidents(u, actors["admin"])[0]
            u.commit()
        with uow() as u:
            resolved = incidents.retry_incident(u, actors["admin"],
                                                incident_id=incident.incident_id)
            u.commit()
    assert resolved.case_id == case_id
    with uow() as u:
        assert u.session.get(Case, case_id).status == "woke"
        assert incidents.list_incidents(u, actors["admin"]) == []
    assert ticks(uow, case_id) == 1


def test_only_an_admin_sees_incidents(uow, actors):
    with pytest.raises(NotAllowed), uow() as u:
        incidents.list_incidents(u, actors["screening_officer"])
