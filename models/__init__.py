"""Typed SQLAlchemy 2.0 tables of Toelating. No behaviour beyond invariants."""

from models.access_log import CaseAccess
from models.anchor import ChainAnchor
from models.base import Base
from models.case import Case, CaseEvent, HumanTask, Incident, Outbox, SpecBundle, SpecFile
from models.domain import (
    Application,
    ApplicationSubsegment,
    Award,
    BridgingAgreement,
    Contract,
    Decision,
    Document,
)
from models.letter import Letter
from models.people import AccountToken, LoginSession, Provider, User, UserRole
from models.region import (
    Municipality,
    Participation,
    Product,
    Region,
    RegistrationWindow,
    Segment,
    Subsegment,
    WindowSubsegment,
)
from models.work import TaskDraft, WorkList

__all__ = [
    "CaseAccess",
    "AccountToken", "Application", "ApplicationSubsegment", "Award", "Base",
    "BridgingAgreement", "Case", "CaseEvent", "ChainAnchor", "Contract", "Decision", "Document",
    "HumanTask", "Incident", "Letter",
    "LoginSession", "Municipality", "Outbox", "Participation", "Product", "Provider", "Region",
    "RegistrationWindow", "Segment", "SpecBundle", "SpecFile", "Subsegment", "TaskDraft", "User",
    "UserRole", "WindowSubsegment", "WorkList",
]
