"""Failed sign-ins slow down per account and per address; correct ones are never counted."""

from __future__ import annotations

from tests.integration.web.conftest import JSON, login


def test_the_sixth_failed_sign_in_for_an_account_is_refused_with_429(app, client):
    for _ in range(5):
        assert login(client, "decision_maker@test.example", "fout").status_code == 401
    response = login(client, "decision_maker@test.example", "pw")  # even the right one
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.get_data(as_text=True)
    assert int(response.headers["Retry-After"]) > 0
    other_browser = app.test_client()  # same address, another account: not this limit
    assert login(other_browser, "auditor@test.example").status_code == 302


def test_twenty_failed_sign_ins_from_one_address_block_every_account(client):
    for n in range(20):
        assert login(client, f"niemand-{n}@test.example", "fout").status_code == 401
    assert login(client, "auditor@test.example").status_code == 429


def test_another_address_is_not_slowed_down_by_the_first(app, client):
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = "3/minute"  # the rule, at a smaller number
    for n in range(3):
        login(client, f"niemand-{n}@test.example", "fout")
    assert login(client, "auditor@test.example").status_code == 429
    elsewhere = app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    assert login(elsewhere, "auditor@test.example").status_code == 302


def test_successful_sign_ins_are_not_counted(client):
    for _ in range(8):
        assert login(client, "auditor@test.example").status_code == 302


def test_a_json_client_gets_429_as_problem_json(client):
    for _ in range(5):
        login(client, "admin@test.example", "fout")
    response = login(client, "admin@test.example", "fout", **JSON)
    assert response.status_code == 429
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == "rate_limited"
