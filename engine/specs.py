"""Content-addressed specs: files by sha256, bundles by the hash of their files.

Parsing costs milliseconds and a parsed spec is never mutated by running it, so each
process parses a bundle once and keeps it by hash for its lifetime.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.spiff.parser.process import VALIDATOR, SpiffBpmnParser

from engine.errors import SpecError
from engine.lint import lint, safe_parse


@dataclass(frozen=True)
class SpecSource:
    name: str
    xml: bytes

    @property
    def kind(self) -> str:
        return "dmn" if self.name.endswith(".dmn") else "bpmn"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.xml).hexdigest()


@dataclass
class ParsedBundle:
    sha256: str
    processes: dict[str, tuple[Any, dict[str, Any]]] = field(default_factory=dict)

    def spec_for(self, process_id: str) -> tuple[Any, dict[str, Any]]:
        try:
            return self.processes[process_id]
        except KeyError:
            raise SpecError(self.sha256[:12], process_id, "proces bestaat niet") from None


_CACHE: dict[str, ParsedBundle] = {}


def cached_bundle(sha256: str) -> ParsedBundle | None:
    """A bundle this process parsed before; specs are immutable, so it never goes stale."""
    return _CACHE.get(sha256)


def bundle_hash(file_hashes: list[str]) -> str:
    canonical = json.dumps(sorted(file_hashes), separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def parse_bundle(sources: list[SpecSource]) -> ParsedBundle:
    """Lint and parse a set of files; SpecError names the file and element at fault."""
    digest = bundle_hash([s.sha256 for s in sources])
    if digest in _CACHE:
        return _CACHE[digest]
    parser = SpiffBpmnParser(validator=VALIDATOR)
    for source in sources:
        root = safe_parse(source.xml, source.name)
        lint(root, source.name)
        _add(parser, root, source)
    bundle = ParsedBundle(digest)
    for process_id in parser.get_process_ids():
        bundle.processes[process_id] = _build(parser, process_id)
    _CACHE[digest] = bundle
    return bundle


def _add(parser: SpiffBpmnParser, root: Any, source: SpecSource) -> None:
    try:
        if source.kind == "dmn":
            parser.add_dmn_xml(root, filename=source.name)
        else:
            parser.add_bpmn_xml(root, filename=source.name)
    except (ValidationException, SpiffWorkflowException) as err:
        raise SpecError(source.name, getattr(err, "id", None), str(err)) from err


def _build(parser: SpiffBpmnParser, process_id: str) -> tuple[Any, dict[str, Any]]:
    try:
        return parser.get_spec(process_id), parser.get_subprocess_specs(process_id)
    except (ValidationException, SpiffWorkflowException) as err:
        raise SpecError(getattr(err, "file_name", "?"), getattr(err, "id", process_id),
                        str(err)) from err
