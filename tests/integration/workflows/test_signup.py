"""Organisations sign up, confirm their e-mail address and invite colleagues."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import func, select

from models import Outbox, Provider, User
from workflows import people, signup
from workflows.errors import Conflict, InvalidInput, NotAllowed, NotFound, SignInRequired

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
BASE = "http://portaal.test/portaal/bevestigen/"
FORM = {"name": "Zorg & Co", "kvk_number": "12345670", "agb_code": "87654321",
        "address": "Markt 1, 7511 AA Enschede", "contact_person": "Anna de Vries",
        "email": "Anna@Zorg.test", "password": "een lang wachtwoord"}


def run(uow, use_case, at=T0, actor=people.ANONYMOUS, **kw):
    with freeze_time(at), uow() as u:
        result = use_case(u, actor, **kw)
        u.commit()
    return result


def links(uow, kind="account_confirm"):
    with uow() as u:
        payloads = [json.loads(p) for p in u.session.scalars(
            select(Outbox.payload).where(Outbox.kind == "mail").order_by(Outbox.id))]
    return [p for p in payloads if p["kind"] == kind]


def token(uow, kind="account_confirm"):
    return links(uow, kind)[-1]["link"].rsplit("/", 1)[1]


def sign_up(uow, **changes):
    return run(uow, signup.sign_up_provider, confirm_url=BASE, **{**FORM, **changes})


@pytest.mark.parametrize("kvk", ["1234567", "123456789", "1234567a", "00000000",
                                 "１２３４５６７８"])
def test_a_kvk_number_must_be_eight_digits(uow, kvk):
    with pytest.raises(InvalidInput) as err:
        sign_up(uow, kvk_number=kvk)
    assert err.value.fields == {"kvk_number": ["Een KvK-nummer bestaat uit 8 cijfers."]}


def test_every_problem_is_named_in_one_round(uow):
    with pytest.raises(InvalidInput) as err:
        sign_up(uow, kvk_number="1234567", agb_code="12", password="kort")
    assert sorted(err.value.fields) == ["agb_code", "kvk_number", "password"]


def test_sign_up_mails_a_confirmation_link_and_the_account_waits_for_it(uow):
    sign_up(uow)
    [mail] = links(uow)
    assert mail["to"] == "anna@zorg.test" and mail["link"].startswith(BASE)
    with pytest.raises(SignInRequired, match="Bevestig eerst"):
        run(uow, people.sign_in, email="anna@zorg.test", password=FORM["password"])
    assert run(uow, signup.confirm_email, token=token(uow)) == "anna@zorg.test"
    signed_in = run(uow, people.sign_in, email="anna@zorg.test", password=FORM["password"])
    assert signed_in.actor.has("applicant") and signed_in.actor.provider_id
    with pytest.raises(NotFound):  # a link works once
        run(uow, signup.confirm_email, token=token(uow))


def test_a_confirmation_link_expires_after_48_hours(uow):
    sign_up(uow)
    with pytest.raises(Conflict, match="verlopen"):
        run(uow, signup.confirm_email, at=T0 + timedelta(hours=48), token=token(uow))
    run(uow, signup.resend_confirmation, at=T0 + timedelta(hours=49),
        email="anna@zorg.test", confirm_url=BASE)
    assert len(links(uow)) == 2
    run(uow, signup.confirm_email, at=T0 + timedelta(hours=50), token=token(uow))


def test_resending_to_an_unknown_address_tells_nothing_and_sends_nothing(uow):
    run(uow, signup.resend_confirmation, email="nobody@zorg.test", confirm_url=BASE)
    assert links(uow) == []


def test_an_organisation_or_address_signs_up_once(uow):
    sign_up(uow)
    with pytest.raises(Conflict, match="al een account"):
        sign_up(uow, email="ander@zorg.test")
    with pytest.raises(Conflict, match="e-mailadres bestaat al"):
        sign_up(uow, kvk_number="22345670")


def test_a_failed_sign_up_leaves_nothing_behind(uow):
    with pytest.raises(InvalidInput):
        sign_up(uow, password="kort")
    with uow() as u:
        assert u.session.scalar(select(func.count(Provider.id)).where(
            Provider.kvk_number == FORM["kvk_number"])) == 0
    assert links(uow) == []


def _admin(uow):
    sign_up(uow)
    run(uow, signup.confirm_email, token=token(uow))
    return run(uow, people.sign_in, email="anna@zorg.test", password=FORM["password"]).actor


def test_the_admin_invites_a_colleague_who_sets_a_password(uow):
    admin = _admin(uow)
    run(uow, signup.invite_colleague, actor=admin, email="piet@zorg.test", name="Piet",
        accept_url="http://portaal.test/portaal/uitnodiging/")
    invite = token(uow, "account_invite")
    assert run(uow, signup.invitation, token=invite).organisation == "Zorg & Co"
    run(uow, signup.accept_invitation, at=T0 + timedelta(days=6), token=invite, name="Piet",
        password="nog een lang wachtwoord")
    colleague = run(uow, people.sign_in, email="piet@zorg.test",
                    password="nog een lang wachtwoord").actor
    assert colleague.provider_id == admin.provider_id
    with uow() as u:
        assert not u.session.get(User, colleague.user_id).org_admin
    with pytest.raises(NotAllowed):
        run(uow, signup.invite_colleague, actor=colleague, email="x@zorg.test", name="X",
            accept_url="http://portaal.test/")


def test_an_invitation_expires_after_seven_days(uow):
    admin = _admin(uow)
    run(uow, signup.invite_colleague, actor=admin, email="piet@zorg.test", name="Piet",
        accept_url="http://portaal.test/portaal/uitnodiging/")
    with pytest.raises(Conflict, match="verlopen"):
        run(uow, signup.accept_invitation, at=T0 + timedelta(days=7), name="Piet",
            token=token(uow, "account_invite"), password="nog een lang wachtwoord")
    with uow() as u:
        assert u.session.scalars(select(User).where(User.email == "piet@zorg.test")).first() \
            is None


def test_the_confirmation_mail_carries_the_link_and_its_dutch_end(uow):
    from handlers.transports import compose
    sign_up(uow)
    [payload] = links(uow)
    message = compose("toelating@test", "account/confirm/x", payload)
    body = message.get_content()
    assert message["To"] == "anna@zorg.test"
    assert message["Subject"] == "Bevestig uw e-mailadres voor Toelating"
    assert payload["link"] in body
    assert "geldig tot woensdag 4 maart 2026 om 10:00" in body  # 48 hours on, Amsterdam time
    assert body.startswith("Beste Anna de Vries,") and "U heeft Zorg & Co aangemeld" in body
