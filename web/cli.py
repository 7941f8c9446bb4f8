"""The `toelating` command line: init, demo, serve, worker, cases, verify, anchor, replay,
export, verify-export.

Starting it stays cheap: `toelating --help` imports click only. Each command imports
Flask, the database layer and the engine when it runs, inside the function.
"""

from __future__ import annotations

import functools
import json
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

if TYPE_CHECKING:
    from workflows.anchors import Anchor
    from workflows.database import Database
    from workflows.errors import ToelatingError
    from workflows.jobs.outbox import Transport
    from workflows.verification import Verdict

T = TypeVar("T")
MAX_ID = 2**31 - 1  # the id columns are 32-bit INTEGER on PostgreSQL (web.inputs too)
BPMN_DIR = Path(__file__).resolve().parent.parent / "bpmn"


@click.group()
def main() -> None:
    """Toelating: de toelatingsprocedure jeugdhulp."""


def _in_app(command: Callable[..., None]) -> Callable[..., None]:
    """Run the command inside the app (configuration from the environment, database);
    Flask's test runner hands in its own app through a ScriptInfo."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        from flask.cli import ScriptInfo

        from web.app import create_app

        given = click.get_current_context().obj
        app = given.load_app() if isinstance(given, ScriptInfo) else create_app()
        with app.app_context():
            command(*args, **kwargs)

    return run


def _db() -> Database:
    from flask import current_app

    database: Database = current_app.extensions["toelating.db"]
    return database


def _fail(err: ToelatingError, exit_code: int = 2) -> NoReturn:
    click.echo(f"Fout: {err.message}", err=True)
    sys.exit(exit_code)


def _read(use_case: Callable[..., T], **kwargs: Any) -> T:
    """Run a read-only use case as the system; a domain error ends the command plainly."""
    from workflows import running
    from workflows.actors import SYSTEM
    from workflows.errors import ToelatingError

    try:
        return running.read(_db(), use_case, SYSTEM, **kwargs)
    except ToelatingError as err:
        _fail(err)


@main.command()
@_in_app
def init() -> None:
    """Migreer de database naar het nieuwste schema en deploy de procedure (bpmn/)."""
    from flask import current_app

    from workflows import running, specs
    from workflows.actors import SYSTEM
    from workflows.errors import ToelatingError

    _db().migrate()
    try:
        digest = running.write(_db(), specs.deploy_specs, SYSTEM, sources=specs.read_directory(
            Path(current_app.config.get("BPMN_DIR", BPMN_DIR))))
    except ToelatingError as err:
        _fail(err)
    click.echo(f"Database bijgewerkt; procedure gedeployed ({digest[:12]}).")


@main.command("demo")
@click.option("--if-empty", is_flag=True, help="Alleen laden als er nog geen zaken zijn.")
@_in_app
def demo_command(if_empty: bool) -> None:
    """Laad de demo: regio Twente, een gebruiker per rol en zaken in elke fase."""
    from workflows import demo
    from workflows.demo import scenarios

    if if_empty and not demo.is_empty(_db()):
        click.echo("Demo overgeslagen: er zijn al zaken.")
        return
    with click.progressbar(length=len(scenarios.SCENARIOS) + 1, label="Demo laden") as bar:
        made = demo.build_demo(_db(), progress=lambda _step: bar.update(1))
    click.echo(f"Gebruikers (wachtwoord '{demo.PASSWORD}'):")
    for email, roles in made:
        click.echo(f"  {email:36} {roles}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@_in_app
def serve(host: str, port: int) -> None:
    """Start de webtoepassing."""
    from flask import current_app
    from werkzeug.serving import run_simple

    click.echo(f"Toelating draait op http://{host}:{port}/ (stoppen: Ctrl+C)")
    run_simple(host, port, current_app._get_current_object(),  # type: ignore[attr-defined]
               threaded=True)


@main.command()
@click.option("--once", is_flag=True, help="Eén ronde en stoppen.")
@click.option("--interval", default=10.0, show_default=True, help="Seconden tussen rondes.")
@_in_app
def worker(once: bool, interval: float) -> None:
    """Laat verstreken timers afgaan (elke zaak in een eigen transactie), waarschuw,
    verstuur berichten en veranker eens per dag de hashketens."""
    from flask import current_app

    from workflows.actors import SYSTEM
    from workflows.jobs import daily_anchors, due_warnings, outbox, timers

    if _db().url.startswith("sqlite") and not _single_worker_lock():
        click.echo("Er draait al een worker op deze SQLite-database; één tegelijk.", err=True)
        sys.exit(1)
    transport = _transport()
    anchors_due = None
    while True:
        changed = timers.tick_due_cases(_db().uow)
        warned = due_warnings.raise_warnings(
            _db().uow, SYSTEM, int(current_app.config.get("WARNING_WORKING_DAYS", 2)))
        sent, failed = outbox.deliver_due(_db().uow, SYSTEM, transport)
        anchored, anchors_due = daily_anchors.anchor_when_due(_db().uow, SYSTEM, anchors_due)
        click.echo(f"{changed} zaak/zaken bijgewerkt; {warned} waarschuwing(en); "
                   f"{sent} bericht(en) verstuurd"
                   + (f", {failed} mislukt (volgt opnieuw)" if failed else "")
                   + (f"; {anchored} hashketen(s) verankerd." if anchored else "."))
        if once:
            return
        time.sleep(interval)


def _single_worker_lock() -> bool:
    """SQLite lets one writer in at a time anyway: a second worker would only wait."""
    import fcntl

    from flask import current_app

    database = _db().url.removeprefix("sqlite:///")
    handle = Path(f"{database}.worker-lock").open("w")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    current_app.extensions["toelating.worker_lock"] = handle  # held until the process ends
    return True


def _transport() -> Transport:
    from flask import current_app

    from workflows.jobs import outbox

    config = current_app.config
    return outbox.make_transport(
        smtp_host=config.get("SMTP_HOST"), smtp_port=int(config.get("SMTP_PORT", 25)),
        sender=config.get("MAIL_FROM", "toelating@localhost"),
        directory=Path(current_app.instance_path) / "outbox")


@main.command("cases")
@click.option("--state", default=None, help="Alleen zaken met deze status.")
@click.option("--process", default=None, help="Alleen zaken van dit proces.")
@click.option("--page", default=1, show_default=True, type=click.IntRange(min=1))
@click.option("--page-size", default=50, show_default=True, type=click.IntRange(1, 200))
@click.option("--json", "as_json", is_flag=True, help="Uitvoer als JSON.")
@_in_app
def cases_command(state: str | None, process: str | None, page: int, page_size: int,
                  as_json: bool) -> None:
    """Toon zaken per pagina: id, aanbieder, status, open taken."""
    from workflows import queries

    found = _read(queries.list_cases, status=state, process_id=process, page=page,
                  page_size=page_size)
    if as_json:
        rows = [r.__dict__ | {"open_tasks": list(r.open_tasks)} for r in found.rows]
        click.echo(json.dumps({"page": found.page, "pages": found.pages, "total": found.total,
                               "rows": rows}, ensure_ascii=False, indent=2))
        return
    for r in found.rows:
        click.echo(f"{r.case_id:>5}  {(r.reference or '-')[:16]:16} {r.process_label[:24]:24} "
                   f"{r.provider[:28]:28} {r.status_label[:34]:34} {', '.join(r.task_labels)}")
    click.echo(f"Pagina {found.page} van {found.pages} ({found.total} zaken).")


@main.command("deadlines")
@click.argument("case_id", type=click.IntRange(1, MAX_ID))
@_in_app
def deadlines_command(case_id: int) -> None:
    """Toon elke lopende termijn van een zaak met regime en uitleg."""
    from workflows import case_deadlines, labels

    found = _read(case_deadlines.open_deadlines, case_id=case_id)
    if not found.deadlines:
        click.echo(f"Zaak {case_id}: geen lopende termijnen.")
    for item in found.deadlines:
        click.echo(f"{item.name}: uiterlijk {item.last_day:%d-%m-%Y} "
                   f"({labels.regime(item.regime)})")
        for line in item.explanation:
            click.echo(f"  - {line}")
        for warning in item.warnings:
            click.echo(f"  ! WAARSCHUWING: {warning}")
    if found.penalty_euros is not None:
        click.echo(f"Dwangsom bij niet tijdig beslissen (Awb 4:17): EUR {found.penalty_euros}")


@main.command()
@click.argument("case_ids", nargs=-1, type=click.IntRange(1, MAX_ID))
@click.option("--replay", "with_replay", is_flag=True,
              help="Speel ook elk log opnieuw af en vergelijk met de opgeslagen stand.")
@click.option("--anchors", "anchor_file", default=None,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Controleer ook tegen een geëxporteerd ankerbestand (JSON-regels).")
@_in_app
def verify(case_ids: tuple[int, ...], with_replay: bool, anchor_file: Path | None) -> None:
    """Controleer per zaak de hashketen, de ankers en alles wat het log vastlegt; exit 1 als
    een zaak niet klopt."""
    from workflows import verification

    exported = _anchor_file(anchor_file) if anchor_file else []
    ids = _read(verification.verified_case_ids, case_ids=case_ids, anchors=exported)
    with click.progressbar(length=len(ids), label="Zaken controleren") as bar:
        verdicts = _read(verification.verify_cases, case_ids=ids, replay=with_replay,
                         anchors=exported, progress=bar.update)
    for verdict in verdicts:
        click.echo(_verdict_line(verdict))
    failed = sum(not verdict.ok for verdict in verdicts)
    if failed:
        click.echo(f"{failed} van {len(verdicts)} zaken kloppen niet.", err=True)
        sys.exit(1)
    click.echo(f"Alle {len(verdicts)} zaken kloppen.")


def _verdict_line(verdict: Verdict) -> str:
    said = {"tampered": "gewijzigd", "diverges": "wijkt af"}.get(verdict.outcome)
    if said is None:
        return f"zaak {verdict.case_id}: ok"
    return f"zaak {verdict.case_id}: {said} bij volgnummer {verdict.seq}"


def _anchor_file(path: Path) -> list[Anchor]:
    from workflows import anchors
    from workflows.errors import ToelatingError

    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        click.echo(f"Fout: {path} is geen leesbaar ankerbestand.", err=True)
        sys.exit(2)
    try:
        return anchors.parse_anchor_lines(lines, str(path))
    except ToelatingError as err:
        _fail(err)


@main.command()
@click.option("--export", "export_to", default=None,
              type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Schrijf daarna alle ankers naar dit bestand (JSON-regels), om elders "
                   "te bewaren.")
@_in_app
def anchor(export_to: Path | None) -> None:
    """Veranker de kop van elke gewijzigde hashketen buiten de zaakrij (de worker doet dit
    dagelijks)."""
    from workflows import anchors, running
    from workflows.actors import SYSTEM
    from workflows.errors import ToelatingError

    try:
        made = running.write(_db(), anchors.anchor_chains, SYSTEM)
    except ToelatingError as err:
        _fail(err)
    click.echo(f"{made} hashketen(s) verankerd.")
    if export_to is not None:
        found = _read(anchors.all_anchors)
        export_to.write_text("".join(f"{a.line()}\n" for a in found), encoding="utf-8")
        click.echo(f"{len(found)} anker(s) geschreven naar {export_to}.")


@main.command()
@click.argument("case_id", type=click.IntRange(1, MAX_ID))
@click.option("--at", "at", metavar="MOMENT",
              help="Toon de zaak zoals die op dat moment stond (Nederlandse tijd): "
                   "2026-03-02, 2026-03-02 14:30 of 02-03-2026 14:30; het einde van "
                   "wat u typt: een datum zonder tijd is het einde van die dag.")
@_in_app
def replay(case_id: int, at: str | None) -> None:
    """Speel het log van een zaak opnieuw af en vergelijk met de opgeslagen stand."""
    from workflows import audit, running
    from workflows.actors import SYSTEM
    from workflows.errors import ToelatingError

    if at is not None:
        _show_moment(case_id, _moment(at))
        return
    try:
        result = running.read(_db(), audit.replay_case, SYSTEM, case_id=case_id)
    except ToelatingError as err:  # no such case, or a damaged log: one sentence, exit 1
        _fail(err, exit_code=1)
    if not result.matches:
        click.echo(f"Zaak {case_id}: herafgespeelde stand wijkt af van de opgeslagen stand.",
                   err=True)
        sys.exit(1)
    click.echo(f"Zaak {case_id}: {result.steps} commando's herafgespeeld; stand identiek.")


def _moment(text: str) -> datetime:
    """A moment as a person types it, in Dutch time; a bare date means its end."""
    from workflows.deadlines import AMSTERDAM

    value = text.strip()
    # The moment is the end of what was typed: a day, a minute or a second.
    for form, span in (("%Y-%m-%d", timedelta(days=1)), ("%d-%m-%Y", timedelta(days=1)),
                       ("%Y-%m-%d %H:%M", timedelta(minutes=1)),
                       ("%Y-%m-%dT%H:%M", timedelta(minutes=1)),
                       ("%d-%m-%Y %H:%M", timedelta(minutes=1)),
                       ("%Y-%m-%d %H:%M:%S", timedelta(seconds=1)),
                       ("%Y-%m-%dT%H:%M:%S", timedelta(seconds=1))):
        try:
            parsed = datetime.strptime(value, form)
        except ValueError:
            continue
        start = parsed.replace(tzinfo=AMSTERDAM)
        # Adding the span in local time keeps a day a day across a clock change.
        return (start + span).astimezone(UTC) - timedelta(microseconds=1)
    raise click.BadParameter(f"'{text}' is geen moment; schrijf bijvoorbeeld 2026-03-02 of "
                             "2026-03-02 14:30.", param_hint="--at")


def _show_moment(case_id: int, moment: datetime) -> None:
    from workflows import case_moments, running
    from workflows.actors import SYSTEM
    from workflows.deadlines.atw import long_date
    from workflows.errors import ToelatingError, long_moment

    try:
        found = running.read(_db(), case_moments.case_at, SYSTEM, case_id=case_id,
                             moment=moment)
    except ToelatingError as err:
        _fail(err, exit_code=1)
    click.echo(f"Zaak {case_id} op {long_moment(moment)}: na gebeurtenis {found.seq} van "
               f"{found.events}.")
    click.echo(f"Fase: {found.phase}{' (afgerond)' if found.completed else ''}")
    click.echo("Open taken:" if found.tasks else "Open taken: geen")
    for task in found.tasks:
        who = task.assignee or "nog niet opgepakt"
        due = f", uiterlijk {long_date(task.last_day)}" if task.last_day else ""
        click.echo(f"  - {task.label} ({task.role}): {who}{due}")
    click.echo("Gegevens:")
    for item in found.data:
        click.echo(f"  {item.label}: {item.text or '–'}")


@main.command("export")
@click.argument("case_id", type=click.IntRange(1, MAX_ID))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Het zip-bestand dat gemaakt wordt.")
@_in_app
def export_command(case_id: int, output: Path) -> None:
    """Exporteer het dossier van een zaak als zip dat zichzelf bewijst."""
    from flask import current_app

    from web.config import document_dir
    from workflows.dossier import export

    # Written beside the target and renamed when complete: never half a dossier.
    draft = output.with_name(f".{output.name}.part")
    try:
        with draft.open("wb") as target:
            made = _read(export.export_dossier, case_id=case_id, target=target,
                         document_dir=document_dir(current_app.config,
                                                   current_app.instance_path))
        draft.replace(output)
    finally:
        draft.unlink(missing_ok=True)
    click.echo(f"Dossier van zaak {made.case_id} ({made.reference}) geschreven naar {output}: "
               f"{made.events} gebeurtenissen, {made.files} bestanden.")
    for name in made.missing_documents:
        click.echo(f"  ! document ontbreekt in de documentmap: {name}", err=True)


@main.command("verify-export")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def verify_export(path: Path) -> None:
    """Controleer een geëxporteerd dossier zonder database: hashes, keten, herafspelen."""
    from workflows.dossier import check
    from workflows.errors import DamagedDossier

    try:
        checked = check.check_dossier(path)
    except DamagedDossier as err:
        click.echo(f"export niet in orde: {err.message}", err=True)
        sys.exit(1)
    click.echo(f"export ok: zaak {checked.case_id}, {checked.events} gebeurtenissen")


if __name__ == "__main__":
    main()
