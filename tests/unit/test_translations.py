"""Every UI string has an English translation: extract the Dutch msgids from web/ as
`make translations` does, and hold them against the English catalog."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Message
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = ROOT / "web" / "translations" / "en" / "LC_MESSAGES" / "messages.po"


def extracted(tmp_path: Path) -> set[str]:
    template = tmp_path / "messages.pot"
    CommandLineInterface().run([
        "pybabel", "--quiet", "extract", "-F", str(ROOT / "babel.cfg"), "-k", "_l",
        "-k", "lazy_gettext", "--no-location", "-o", str(template), str(ROOT / "web")])
    with template.open("rb") as handle:
        return {_key(m) for m in read_po(handle) if m.id}


def _key(message: Message) -> str:
    return str(message.id[0] if isinstance(message.id, tuple) else message.id)


def english() -> dict[str, Message]:
    with ENGLISH.open("rb") as handle:
        return {_key(m): m for m in read_po(handle) if m.id}


def translated(message: Message) -> bool:
    """A translation in every form (a plural has a tuple of them)."""
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(forms)


def test_every_string_in_the_screens_has_an_english_translation(tmp_path):
    catalog = english()
    untranslated = sorted(i for i in extracted(tmp_path)
                          if i not in catalog or not translated(catalog[i]))
    assert not untranslated, ("run `make translations` and translate in "
                              f"{ENGLISH.relative_to(ROOT)}: {untranslated}")


def test_the_english_catalog_has_no_fuzzy_or_empty_entry():
    bad = sorted(i for i, m in english().items() if m.fuzzy or not translated(m))
    assert not bad, f"fuzzy or empty in {ENGLISH.relative_to(ROOT)}: {bad}"


def test_the_extraction_finds_the_strings_of_python_and_of_templates(tmp_path):
    found = extracted(tmp_path)
    assert "Uitloggen" in found  # base.html
    assert "Te veel pogingen" in found  # web/errors.py (lazy_gettext)
    assert "pagina %(page)s van %(pages)s" in found  # macros/content.html
