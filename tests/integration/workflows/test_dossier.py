"""`toelating export` and `verify-export`: a dossier of a demo case proves itself without
the database, and any change to it is named.

The demo is built once per backend inside a transaction that is rolled back; a few
representative cases are exported while it stands, and every test after that works on
the zip files alone (which is the point: no database)."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from engine.events import GENESIS, canonical, chain_hash, event_body
from models import Application, Case
from web.app import create_app
from web.cli import export_command, verify_export
from workflows import anchors, demo
from workflows.actors import SYSTEM
from workflows.dossier import check, export
from workflows.dossier.archive import Limits
from workflows.errors import DamagedDossier, NotAllowed
from workflows.uow import UnitOfWork
from workflows.uploads import Upload, store_pdfs

PDF = b"%PDF-1.4\n% bijlage\n"
# Decided with letters and documents; a complaint (objection) and the case it is about; a
# contract (a child case with timers); and one written by the command line.
ROUND_TRIPS = ["refused", "remedy", "objected", "contract", "cli"]


def _uow_on(conn):
    factory = sessionmaker(bind=conn, join_transaction_mode="create_savepoint",
                           expire_on_commit=False)
    return lambda: UnitOfWork(factory)


def _case(uow, process, status=None):
    where = [Case.process_id == process] + ([Case.status == status] if status else [])
    with uow() as u:
        return u.session.scalars(select(Case.id).where(*where).order_by(Case.id)).first()


def _parent(uow, case_id):
    with uow() as u:
        return u.session.get(Case, case_id).parent_case_id


def _add_documents(uow, case_id, directory):
    """One upload on disk and one whose file has gone (the manifest must say so)."""
    with uow() as u:
        application_id = u.session.scalars(select(Application.id).where(
            Application.case_id == case_id)).one()
        stored = store_pdfs(u, SYSTEM, application_id=application_id, directory=directory,
                            uploads=[Upload("bijlage.pdf", "application/pdf", PDF),
                                     Upload("weg.pdf", "application/pdf", PDF + b"weg")])
        u.commit()
    (directory / f"{stored[1].sha256}.pdf").unlink()


def _export(uow, case_id, directory, path, actor=SYSTEM):
    with uow() as u, path.open("wb") as target:
        return export.export_dossier(u, actor, case_id=case_id, document_dir=directory,
                                     target=target)


@pytest.fixture(scope="module")
def dossiers(world, tmp_path_factory):
    """{name: zip path} for a decided case with letters and documents, an objection or
    complaint, and one exported through the command line."""
    tmp = tmp_path_factory.mktemp("dossiers")
    documents = tmp / "documenten"
    conn = world["engine"].connect()
    outer = conn.begin()
    uow = _uow_on(conn)
    try:
        demo.build_demo(SimpleNamespace(uow=uow))
        refused = _case(uow, "admission", "refused")
        remedy = _case(uow, "complaint") or _case(uow, "objection")
        _add_documents(uow, refused, documents)
        with uow() as u:  # the daily anchors, so the dossiers carry the heads they cover
            anchors.anchor_chains(u, SYSTEM)
            u.commit()
        auditor, applicant = world["actors"]["auditor"], world["actors"]["applicant_a"]
        made = {"refused": _export(uow, refused, documents, tmp / "refused.zip"),
                "remedy": _export(uow, remedy, documents, tmp / "remedy.zip", auditor),
                "objected": _export(uow, _parent(uow, remedy), documents, tmp / "objected.zip"),
                "contract": _export(uow, _case(uow, "contract"), documents,
                                    tmp / "contract.zip")}
        app = create_app({"TESTING": True, "SECRET_KEY": "t", "DOCUMENT_DIR": str(documents),
                          "DATABASE": SimpleNamespace(uow=uow, reader=uow)})
        runner = app.test_cli_runner()
        admitted = _case(uow, "admission", "admitted")
        cli = runner.invoke(export_command, [str(admitted), "-o", str(tmp / "cli.zip")])
        unknown = runner.invoke(export_command, ["999999", "-o", str(tmp / "none.zip")])
        with pytest.raises(NotAllowed) as denied:
            _export(uow, refused, documents, tmp / "no.zip", applicant)
    finally:
        outer.rollback()
        conn.close()
    return SimpleNamespace(tmp=tmp, made=made, cli=cli, unknown=unknown, denied=denied.value,
                           paths={name: tmp / f"{name}.zip" for name in ROUND_TRIPS})


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _write(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return path


def _rehashed(members: dict[str, bytes], **manifest_changes) -> dict[str, bytes]:
    """The members with a manifest that matches them again (a careful forger's work)."""
    manifest = json.loads(members["manifest.json"])
    manifest["files"] = {name: hashlib.sha256(content).hexdigest()
                         for name, content in members.items() if name != "manifest.json"}
    manifest.update(manifest_changes)
    return {**members, "manifest.json": json.dumps(manifest).encode()}


@pytest.mark.parametrize("name", ROUND_TRIPS)
def test_an_exported_demo_case_verifies_on_its_own(dossiers, name):
    checked = check.check_dossier(dossiers.paths[name])
    manifest = json.loads(_members(dossiers.paths[name])["manifest.json"])
    assert checked.case_id == manifest["case_id"]
    assert checked.events == manifest["head"]["seq"] > 1


def test_the_zip_holds_log_spec_letters_documents_summary_and_manifest(dossiers):
    members = _members(dossiers.paths["refused"])
    manifest = json.loads(members["manifest.json"])
    names = set(members)
    assert {"events.jsonl", "summary.html", "summary.pdf", "manifest.json"} <= names
    assert any(n.startswith("spec/") and n.endswith(".bpmn") for n in names)
    assert set(manifest["files"]) == names - {"manifest.json"}
    assert [letter["kind"] for letter in manifest["letters"]][-1] == "decision"
    assert [(d["filename"], d["missing"]) for d in manifest["documents"]] == [
        ("bijlage.pdf", False), ("weg.pdf", True)]
    assert members[manifest["documents"][0]["path"]] == PDF
    assert members["summary.pdf"].startswith(b"%PDF")
    html = members["summary.html"].decode()
    assert "Zaak gestart" in html and "Besluitbrief verstuurd" in html
    assert "Ontbreekt" in html and dossiers.made["refused"].missing_documents == ("weg.pdf",)


def test_each_event_line_is_what_the_chain_hashed(dossiers):
    lines = _members(dossiers.paths["refused"])["events.jsonl"].decode().splitlines()
    first = json.loads(lines[0])
    assert set(first) == {"seq", "kind", "actor", "at", "payload", "prev_hash", "hash"}
    assert (first["seq"], first["kind"], first["prev_hash"]) == (1, "started", "0" * 64)
    assert [json.loads(line)["prev_hash"] for line in lines[1:]] == [
        json.loads(line)["hash"] for line in lines[:-1]]


def _changed_event(members):
    lines = members["events.jsonl"].decode().splitlines()
    lines[2] = lines[2].replace('"actor":"', '"actor":"x', 1)
    return {**members, "events.jsonl": ("\n".join(lines) + "\n").encode()}


def _changed_letter(members):
    name = next(n for n in members if n.startswith("letters/"))
    return {**members, name: members[name] + b"%"}


def _changed_spec(members):
    name = next(n for n in members if n.startswith("spec/"))
    return {**members, name: members[name].replace(b"<", b" <", 1)}


def _removed_summary(members):
    return {n: c for n, c in members.items() if n != "summary.pdf"}


def _added_file(members):
    return {**members, "documents/extra.pdf": PDF}


@pytest.mark.parametrize(("alter", "named"), [
    (_changed_event, "events.jsonl is gewijzigd"), (_changed_letter, "letters/"),
    (_changed_spec, "spec/"), (_removed_summary, "summary.pdf ontbreekt"),
    (_added_file, "documents/extra.pdf staat niet in het manifest")])
def test_an_altered_zip_fails_naming_the_file(dossiers, tmp_path, alter, named):
    altered = _write(tmp_path / "altered.zip", alter(_members(dossiers.paths["refused"])))
    with pytest.raises(DamagedDossier, match=named):
        check.check_dossier(altered)


def test_a_changed_event_with_a_rehashed_manifest_breaks_the_chain_at_its_sequence(
        dossiers, tmp_path):
    altered = _write(tmp_path / "a.zip", _rehashed(_changed_event(
        _members(dossiers.paths["refused"]))))
    with pytest.raises(DamagedDossier, match="hashketen breekt bij volgnummer 3"):
        check.check_dossier(altered)


@pytest.mark.parametrize(("alter", "named"), [
    (_changed_letter, "wijkt af van wat het log"), (_changed_spec, "versie van de procedure")])
def test_a_letter_or_spec_changed_with_its_manifest_is_still_caught(dossiers, tmp_path,
                                                                     alter, named):
    members = alter(_members(dossiers.paths["refused"]))
    manifest_members = _rehashed(members)
    manifest = json.loads(manifest_members["manifest.json"])
    for letter in manifest["letters"]:
        letter["sha256"] = manifest["files"][letter["path"]]
    manifest_members["manifest.json"] = json.dumps(manifest).encode()
    with pytest.raises(DamagedDossier, match=named):
        check.check_dossier(_write(tmp_path / "a.zip", manifest_members))


def test_an_end_state_other_than_the_replayed_one_fails(dossiers, tmp_path):
    members = _rehashed(_members(dossiers.paths["remedy"]), state_sha256="0" * 64)
    with pytest.raises(DamagedDossier, match="opnieuw afgespeelde log komt niet uit"):
        check.check_dossier(_write(tmp_path / "a.zip", members))


def test_a_traversal_member_name_is_refused(dossiers, tmp_path):
    members = {**_members(dossiers.paths["refused"]), "../../etc/evil": b"x"}
    with pytest.raises(DamagedDossier, match="ongeldige bestandsnaam"):
        check.check_dossier(_write(tmp_path / "a.zip", members))


def test_a_member_over_the_size_limit_is_refused_before_it_is_inflated(dossiers, tmp_path):
    members = {**_members(dossiers.paths["refused"]), "documents/bom.pdf": bytes(2_000_000)}
    path = _write(tmp_path / "a.zip", members)
    assert path.stat().st_size < 1_000_000
    with pytest.raises(DamagedDossier, match="documents/bom.pdf is groter dan toegestaan"):
        check.check_dossier(path, Limits(member_bytes=1_000_000))
    with pytest.raises(DamagedDossier, match="uitgepakt groter dan toegestaan"):
        check.check_dossier(path, Limits(total_bytes=2_000_000))


def test_only_auditors_admins_and_the_system_export(dossiers):
    assert dossiers.made["remedy"].events > 1  # exported by the auditor
    assert dossiers.denied.message.endswith("die rol heeft u niet.")


def test_the_cli_exports_and_says_what_it_wrote(dossiers):
    assert dossiers.cli.exit_code == 0, dossiers.cli.output
    assert "gebeurtenissen" in dossiers.cli.output
    assert dossiers.unknown.exit_code == 2
    assert "bestaat niet" in dossiers.unknown.output
    assert not (dossiers.tmp / "none.zip").exists()


def test_verify_export_on_the_cli_says_ok_or_names_the_fault_with_exit_1(dossiers, tmp_path):
    runner = create_app({"TESTING": True, "SECRET_KEY": "t"}).test_cli_runner()
    manifest = json.loads(_members(dossiers.paths["cli"])["manifest.json"])
    ok = runner.invoke(verify_export, [str(dossiers.paths["cli"])])
    assert ok.exit_code == 0
    assert ok.output == (f"export ok: zaak {manifest['case_id']}, "
                         f"{manifest['head']['seq']} gebeurtenissen\n")
    altered = _write(tmp_path / "a.zip", _changed_letter(_members(dossiers.paths["refused"])))
    not_zip = tmp_path / "b.zip"
    not_zip.write_bytes(b"PK\x03\x04 geen zip")
    truncated = tmp_path / "c.zip"
    truncated.write_bytes(dossiers.paths["cli"].read_bytes()[:-300])
    for path, said in ((altered, "letters/"), (not_zip, "geen leesbaar zip-bestand"),
                       (truncated, "geen leesbaar zip-bestand"),
                       (tmp_path / "weg.zip", "weg.zip bestaat niet")):
        failed = runner.invoke(verify_export, [str(path)])
        assert failed.exit_code == 1, failed.output
        assert failed.output.startswith("export niet in orde: ") and said in failed.output
        assert "Traceback" not in failed.output and failed.exception is not None


def test_a_damaged_member_is_named_not_raised(dossiers, tmp_path):
    data = bytearray(dossiers.paths["refused"].read_bytes())
    offset = data.index(b"events.jsonl") + len("events.jsonl") + 40
    data[offset] ^= 0xFF
    path = tmp_path / "a.zip"
    path.write_bytes(bytes(data))
    with pytest.raises(DamagedDossier, match="events.jsonl"):
        check.check_dossier(path)


def _manifest_with(members, change):
    manifest = json.loads(members["manifest.json"])
    change(manifest)
    return {**members, "manifest.json": json.dumps(manifest).encode()}


@pytest.mark.parametrize(("change", "named"), [
    (lambda m: m.update(format="iets anders"), "geen manifest van een Toelating-dossier"),
    (lambda m: m.pop("head"), "geen manifest van een Toelating-dossier"),
    (lambda m: m.update(head={"seq": 1}), "eindigt bij volgnummer"),
    (lambda m: m.update(letters=[{"letter_id": [1], "path": ["x"], "sha256": 1}]),
     "de lijst 'letters' is onleesbaar"),
    (lambda m: m.update(documents="geen lijst"), "de lijst 'documents' is onleesbaar"),
    (lambda m: m.update(letters=[]), "staat in het log maar niet in het dossier"),
    (lambda m: m.update(spec_bundle="0" * 64), "versie van de procedure"),
    (lambda m: m.update(process_id="bestaat_niet"), "opnieuw afspelen mislukt")])
def test_a_hostile_manifest_is_named_never_raised(dossiers, tmp_path, change, named):
    members = _manifest_with(_members(dossiers.paths["refused"]), change)
    with pytest.raises(DamagedDossier, match=named):
        check.check_dossier(_write(tmp_path / "a.zip", members))


def test_a_manifest_that_is_no_json_is_named(dossiers, tmp_path):
    members = {**_members(dossiers.paths["refused"]), "manifest.json": b"{" * 100_000}
    with pytest.raises(DamagedDossier, match="manifest.json is geen geldige JSON"):
        check.check_dossier(_write(tmp_path / "a.zip", members))


def _forged(members, change):
    """The log changed by `change(lines)` and every hash after it recomputed, with the
    manifest's head and file hashes to match: only the replay can tell."""
    manifest = json.loads(members["manifest.json"])
    lines = [json.loads(line) for line in members["events.jsonl"].decode().splitlines()]
    change(lines)
    prev = GENESIS
    for line in lines:
        at = datetime.fromisoformat(line["at"])
        body = event_body(manifest["case_id"], line["seq"], line["kind"], line["actor"], at,
                          line["payload"])
        line["prev_hash"], line["hash"] = prev, chain_hash(prev, body)
        prev = line["hash"]
    forged = {**members, "events.jsonl": "".join(canonical(x) + "\n" for x in lines).encode(),
              "anchors.jsonl": b""}  # dropped too: else the anchors tell first (below)
    return _rehashed(forged, head={"seq": lines[-1]["seq"], "hash": prev})


def _other_outcome(lines):
    lines[1]["payload"]["data"]["completeness_note"] = "Anders ingevuld."


def _unknown_task(lines):
    lines[1]["payload"]["task_id"] = "00000000-0000-4000-8000-000000000000"


@pytest.mark.parametrize(("change", "named"), [
    (_other_outcome, "komt niet uit op de stand"),
    (_unknown_task, "volgnummer 2 \\('task_completed'\\) laat zich niet opnieuw toepassen")])
def test_a_forged_chain_is_caught_by_the_replay(dossiers, tmp_path, change, named):
    members = _forged(_members(dossiers.paths["refused"]), change)
    with pytest.raises(DamagedDossier, match=named):
        check.check_dossier(_write(tmp_path / "a.zip", members))


def test_the_dossier_carries_its_anchors_and_a_log_that_misses_one_fails(dossiers, tmp_path):
    members = _members(dossiers.paths["refused"])
    carried = [json.loads(line) for line in members["anchors.jsonl"].decode().splitlines()]
    assert carried and all(set(a) == {"seq", "hash", "anchored_at"} for a in carried)
    forged = {**members, "anchors.jsonl": (json.dumps(
        {"seq": 2, "hash": "0" * 64, "anchored_at": "2026-01-01T00:00:00+00:00"}) + "\n")
        .encode()}
    with pytest.raises(DamagedDossier, match="anker bij volgnummer 2"):
        check.check_dossier(_write(tmp_path / "a.zip", _rehashed(forged)))


def test_a_forged_chain_that_keeps_the_anchors_is_caught_by_them(dossiers, tmp_path):
    members = _members(dossiers.paths["refused"])
    forged = {**_forged(members, _other_outcome), "anchors.jsonl": members["anchors.jsonl"]}
    with pytest.raises(DamagedDossier, match="gaat niet door het anker"):
        check.check_dossier(_write(tmp_path / "a.zip", _rehashed(forged)))


def test_the_summary_tells_every_event_of_the_log(dossiers):
    members = _members(dossiers.paths["refused"])
    events = len(members["events.jsonl"].decode().splitlines())
    told = re.findall(r"<tr><td>(\d+)</td>", members["summary.html"].decode())
    assert [int(n) for n in told] == list(range(1, events + 1))
