"""The `toelating` command line: init, demo, serve, worker, cases, verify, replay."""

from __future__ import annotations

import fcntl
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click
from flask import current_app
from flask.cli import FlaskGroup
from werkzeug.serving import run_simple

from web.app import create_app
from web.inputs import MAX_ID
from workflows import audit, case_deadlines, demo, queries, running, specs
from workflows.actors import SYSTEM
from workflows.database import Database
from workflows.demo import scenarios as demo_scenarios
from workflows.errors import ToelatingError
from workflows.jobs import due_warnings as warnings
from workflows.jobs import outbox, timers

T = TypeVar("T")
BPMN_DIR = Path(__file__).resolve().parent.parent / "bpmn"


@click.group(cls=FlaskGroup, create_app=create_app, add_default_commands=False)
def main() -> None:
    """Toelating: de toelatingsprocedure jeugdhulp."""


def db() -> Database:
    database: Database = current_app.extensions["toelating.db"]
    return database


def _fail(err: ToelatingError, exit_code: int = 2) -> NoReturn:
    click.echo(f"Fout: {err.message}", err=True)
    sys.exit(exit_code)


def _read(use_case: Callable[..., T], **kwargs: Any) -> T:
    """Run a read-only use case as the system; a domain error ends the command plainly."""
    try:
        return running.read(db(), use_case, SYSTEM, **kwargs)
    except ToelatingError as err:
        _fail(err)


@main.command()
def init() -> None:
    """Migreer de database naar het nieuwste schema en deploy de procedure (bpmn/)."""
    db().migrate()
    try:
        digest = running.write(db(), specs.deploy_specs, SYSTEM, sources=specs.read_directory(
            Path(current_app.config.get("BPMN_DIR", BPMN_DIR))))
    except ToelatingError as err:
        _fail(err)
    click.echo(f"Database bijgewerkt; procedure gedeployed ({digest[:12]}).")


@main.command("demo")
@click.option("--if-empty", is_flag=True, help="Alleen laden als er nog geen zaken zijn.")
def demo_command(if_empty: bool) -> None:
    """Laad de demo: regio Twente, een gebruiker per rol en zaken in elke fase."""
    if if_empty and not demo.is_empty(db()):
        click.echo("Demo overgeslagen: er zijn al zaken.")
        return
    with click.progressbar(length=len(demo_scenarios.SCENARIOS) + 1, label="Demo laden") as bar:
        made = demo.build_demo(db(), progress=lambda _step: bar.update(1))
    click.echo(f"Gebruikers (wachtwoord '{demo.PASSWORD}'):")
    for email, roles in made:
        click.echo(f"  {email:36} {roles}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
def serve(host: str, port: int) -> None:
    """Start de webtoepassing."""
    click.echo(f"Toelating draait op http://{host}:{port}/ (stoppen: Ctrl+C)")
    run_simple(host, port, current_app._get_current_object(),  # type: ignore[attr-defined]
               threaded=True)


@main.command()
@click.option("--once", is_flag=True, help="Eén ronde en stoppen.")
@click.option("--interval", default=10.0, show_default=True, help="Seconden tussen rondes.")
def worker(once: bool, interval: float) -> None:
    """Laat verstreken timers afgaan (elke zaak in een eigen transactie)."""
    if db().url.startswith("sqlite") and not _single_worker_lock():
        click.echo("Er draait al een worker op deze SQLite-database; één tegelijk.", err=True)
        sys.exit(1)
    transport = _transport()
    while True:
        changed = timers.tick_due_cases(db().uow)
        warned = warnings.raise_warnings(
            db().uow, int(current_app.config.get("WARNING_WORKING_DAYS", 2)))
        sent, failed = outbox.deliver_due(db().uow, transport)
        click.echo(f"{changed} zaak/zaken bijgewerkt; {warned} waarschuwing(en); "
                   f"{sent} bericht(en) verstuurd"
                   + (f", {failed} mislukt (volgt opnieuw)." if failed else "."))
        if once:
            return
        time.sleep(interval)


def _single_worker_lock() -> bool:
    """SQLite lets one writer in at a time anyway: a second worker would only wait."""
    database = db().url.removeprefix("sqlite:///")
    handle = Path(f"{database}.worker-lock").open("w")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    current_app.extensions["toelating.worker_lock"] = handle  # held until the process ends
    return True


def _transport() -> outbox.Transport:
    config = current_app.config
    return outbox.make_transport(
        smtp_host=config.get("SMTP_HOST"), smtp_port=int(config.get("SMTP_PORT", 25)),
        sender=config.get("MAIL_FROM", "toelating@localhost"),
        directory=Path(current_app.instance_path) / "outbox")


@main.command("cases")
@click.option("--state", default=None, help="Alleen zaken met deze status.")
@click.option("--json", "as_json", is_flag=True, help="Uitvoer als JSON.")
def cases_command(state: str | None, as_json: bool) -> None:
    """Toon zaken: id, aanbieder, status, open taken."""
    rows = _read(queries.list_cases, status=state)
    if as_json:
        click.echo(json.dumps([r.__dict__ | {"open_tasks": list(r.open_tasks)} for r in rows],
                              ensure_ascii=False, indent=2))
        return
    for r in rows:
        click.echo(f"{r.case_id:>5}  {r.process_id:10} {r.provider[:30]:30} {r.status:20} "
                   f"{', '.join(r.open_tasks)}")


@main.command("deadlines")
@click.argument("case_id", type=click.IntRange(1, MAX_ID))
def deadlines_command(case_id: int) -> None:
    """Toon elke lopende termijn van een zaak met regime en uitleg."""
    found = _read(case_deadlines.open_deadlines, case_id=case_id)
    if not found.deadlines:
        click.echo(f"Zaak {case_id}: geen lopende termijnen.")
    for item in found.deadlines:
        click.echo(f"{item.name}: uiterlijk {item.last_day:%d-%m-%Y} (regime: {item.regime})")
        for line in item.explanation:
            click.echo(f"  - {line}")
        for warning in item.warnings:
            click.echo(f"  ! WAARSCHUWING: {warning}")
    if found.penalty_euros is not None:
        click.echo(f"Dwangsom bij niet tijdig beslissen (Awb 4:17): EUR {found.penalty_euros}")


@main.command()
def verify() -> None:
    """Herbereken elke hashketen; exit 1 met zaak en volgnummer bij de eerste breuk."""
    total = len(_read(audit.case_ids))
    with click.progressbar(length=total, label="Hashketens controleren") as bar:
        broken = _read(audit.verify_chains, progress=bar.update)
    if broken is not None:
        click.echo(f"BREUK: zaak {broken.case_id}, volgnummer {broken.seq}", err=True)
        sys.exit(1)
    click.echo(f"Alle {total} hashketens kloppen.")


@main.command()
@click.argument("case_id", type=click.IntRange(1, MAX_ID))
def replay(case_id: int) -> None:
    """Speel het log van een zaak opnieuw af en vergelijk met de opgeslagen stand."""
    try:
        result = running.read(db(), audit.replay_case, SYSTEM, case_id=case_id)
    except ToelatingError as err:  # no such case, or a damaged log: one sentence, exit 1
        _fail(err, exit_code=1)
    if not result.matches:
        click.echo(f"Zaak {case_id}: herafgespeelde stand wijkt af van de opgeslagen stand.",
                   err=True)
        sys.exit(1)
    click.echo(f"Zaak {case_id}: {result.steps} commando's herafgespeeld; stand identiek.")


if __name__ == "__main__":
    main()
