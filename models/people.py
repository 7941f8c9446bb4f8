"""Provider organisations and users with their roles."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint, false, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime

ROLES = (
    "screening_officer", "integrity_officer", "quality_assessor", "legal_counsel",
    "decision_maker", "contract_manager", "applicant", "auditor", "admin",
)


class Provider(Base):
    __tablename__ = "provider"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kvk_number: Mapped[str] = mapped_column(String(8), unique=True)
    agb_code: Mapped[str] = mapped_column(String(8))
    email: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300), default="", server_default="")
    contact_person: Mapped[str] = mapped_column(String(200), default="", server_default="")


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("provider.id"))
    # Mail me when a task of mine nears its due date or is overdue.
    warning_mail: Mapped[bool] = mapped_column(default=True)
    # Mail me when an applicant responds in a case where I have (or had) a task.
    response_mail: Mapped[bool] = mapped_column(default=True, server_default=true())
    # Signed up in the portal but the e-mail address is not confirmed yet: cannot sign in.
    pending_confirmation: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The organisation's administrator: invites colleagues (the first user who signed up).
    org_admin: Mapped[bool] = mapped_column(default=False, server_default=false())
    roles: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )


class UserRole(Base):
    __tablename__ = "user_role"
    __table_args__ = (UniqueConstraint("user_id", "role"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    role: Mapped[str] = mapped_column(String(40))
    # Team lead of this role: distributes and releases the team's tasks.
    coordinator: Mapped[bool] = mapped_column(default=False, server_default=false())
    user: Mapped[User] = relationship(back_populates="roles")


class LoginSession(Base):
    """A signed-in browser. The cookie holds a random token; only its sha256 is kept, so a
    copy of this table signs nobody in. Ended on signing out and on a password change."""

    __tablename__ = "login_session"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AccountToken(Base):
    """A link mailed to confirm an e-mail address or to accept an invitation. The mail
    carries a random token; only its sha256 is kept. Used once, valid until expires_at."""

    __tablename__ = "account_token"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # confirm | invite
    provider_id: Mapped[int] = mapped_column(ForeignKey("provider.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    email: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200), default="")
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
