"""The import contracts catch what they promise: a copy of the code with one violation
planted per contract, checked by import-linter, breaks every contract on its plant."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("engine", "models", "workflows", "handlers", "letters", "web")
# contract name -> (planted module, the import it makes)
PLANTS = {
    "Nothing imports web": ("workflows/planted_web.py", "import web.app"),
    "engine knows nothing of admission": ("engine/planted_admission.py", "import workflows"),
    "models import no other layer": ("models/planted_layer.py", "import engine.clock"),
    "handlers import only models": ("handlers/planted_layer.py", "import workflows.uow"),
    "web does not touch the database directly": ("web/planted_db.py", "import sqlalchemy"),
    "web reaches engine, models and handlers only through workflows": (
        "web/planted_models.py", "import models"),
    "no web framework below web": ("workflows/planted_flask.py", "import flask"),
    "letters are pure: data in, PDF out": ("letters/planted_db.py", "import sqlalchemy"),
    "only the engine imports SpiffWorkflow": (
        "workflows/planted_spiff.py", "import SpiffWorkflow"),
    "the legal rules are pure": ("workflows/deadlines/planted_db.py", "import models"),
}


def _contract_names() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return {c["name"] for c in config["tool"]["importlinter"]["contracts"]}


def test_every_contract_has_a_planted_violation():
    assert set(PLANTS) == _contract_names()


def test_each_contract_is_broken_by_its_planted_violation(tmp_path):
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for module, statement in PLANTS.values():
        (tmp_path / module).write_text(f"{statement}  # planted\n")
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"], cwd=tmp_path,
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(tmp_path)},
        check=False)
    assert result.returncode == 1, result.stdout
    details = _details(result.stdout)
    for name, (module, _statement) in PLANTS.items():
        assert re.search(rf"^{re.escape(name)} BROKEN( \(.*\))?$", result.stdout, re.M), name
        planted = module.removesuffix(".py").replace("/", ".")
        assert f"{planted} ->" in details[name], f"{name} did not name {planted}"


def _details(output: str) -> dict[str, str]:
    """The report of each broken contract: from its underlined name to the next one."""
    parts = re.split(r"^(.+)\n-{3,}\n", output.split("Broken contracts", 1)[-1], flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))
