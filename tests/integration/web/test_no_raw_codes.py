"""No page or message shows a raw code (status, role or lane, task id): every page type
is rendered for every demo case as every persona, with its flashed messages and error
pages, and the text a person sees or hears is searched for codes."""

from __future__ import annotations

from types import SimpleNamespace

import lxml.html
from sqlalchemy import select

from models import User
from tests.integration.web.conftest import csrf_token, login
from tests.integration.web.routes import route_rules, route_samples, route_urls
from tests.raw_codes import raw_codes_in
from workflows import demo

PERSONAS = ("screening_officer", "integrity_officer", "quality_assessor", "legal_counsel",
            "decision_maker", "contract_manager", "auditor", "admin")
SPOKEN = ("aria-label", "title", "alt", "placeholder")


def visible_text(html: str) -> str:
    """What a person sees or a screen reader reads: text plus the spoken attributes."""
    root = lxml.html.fromstring(html)
    for node in root.xpath("//script|//style"):
        node.drop_tree()
    spoken = [value for attr in SPOKEN for value in root.xpath(f"//@{attr}")]
    return " ".join([root.text_content(), *map(str, spoken)])


def assert_no_codes(response, where: str) -> None:
    if response.mimetype in ("application/json", "application/pdf", "application/zip"):
        return  # data for the page's script (the diagram's element ids), a letter, a dossier
    found = raw_codes_in(visible_text(response.get_data(as_text=True)))
    assert found == set(), f"{where}: {sorted(found)}"


def _pages(client, paths):
    """Every page of the app (its GET routes filled from the demo), and a few more."""
    yield "/", client.get("/", follow_redirects=True)
    for path in [*paths, "/zaken/?pagina=2", "/bestaat-niet", "/taken?tab=team",
                 "/taken?tab=open"]:
        yield path, client.get(path, follow_redirects=True)


def test_no_page_type_shows_a_code_to_any_persona_for_the_demo(app, uow):
    demo.build_demo(SimpleNamespace(uow=uow))
    samples = route_samples(uow)
    paths = [url for rule in route_rules(app) if "GET" in rule.methods
             and rule.endpoint != "auth.login" for url in route_urls(rule, samples)]
    with uow() as u:
        applicants = list(u.session.scalars(select(User.email).where(
            User.provider_id.is_not(None), User.email.like("%@demo.test"))
            .order_by(User.id)))[:2]
    anonymous = app.test_client()
    for path in ("/", "/inloggen", "/bestaat-niet", "/zaken/"):
        assert_no_codes(anonymous.get(path, follow_redirects=True), f"anonymous {path}")
    for email in [f"{p}@demo.test" for p in PERSONAS] + applicants:
        client = app.test_client()
        welcome = login(client, email, "demo")
        assert welcome.status_code == 302, email
        assert_no_codes(client.get(welcome.location), f"{email} after signing in")
        for path, response in _pages(client, paths):
            assert response.status_code in (200, 403, 404), (email, path)
            assert_no_codes(response, f"{email} {path}")
        bye = client.post("/uitloggen", data={"csrf_token": csrf_token(client, "/wachtwoord")},
                          follow_redirects=True)
        assert_no_codes(bye, f"{email} after signing out")
