"""What browser tests do again and again: sign in and out, check a page with axe-core,
take a screenshot, walk the page with the Tab key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "demo"  # every demo user's (workflows.demo.PASSWORD)


def sign_in(page: Any, email: str, password: str = PASSWORD) -> None:
    """Sign in through the form, by its labels, as a person would."""
    page.goto("/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    assert "/inloggen" not in page.url, f"{email} could not sign in: {page.url}"


def sign_out(page: Any) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state()


def assert_accessible(page: Any) -> None:
    """axe-core finds no WCAG 2.1 A/AA violation on the page as it is now.

    axe is evaluated through DevTools rather than added as a <script> tag
    (page.add_script_tag): our Content-Security-Policy refuses inline scripts, as it
    should, and loosening it for the tests would hide exactly what they must catch.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA)
    violations = result["violations"]
    assert not violations, f"axe on {page.url}:\n" + "\n".join(map(_describe, violations))


def _describe(violation: dict[str, Any]) -> str:
    lines = [f"- {violation['id']} ({violation['impact']}): {violation['help']}"]
    for node in violation["nodes"][:5]:
        lines.append(f"    {' '.join(map(str, node['target']))}: "
                     f"{node['failureSummary'].replace(chr(10), ' ')}")
    return "\n".join(lines)


def screenshot(page: Any, name: str) -> Path:
    """The whole page as tests/e2e/screenshots/<name>.png (git-ignored), to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {tag: el.tagName.toLowerCase(), name: el.getAttribute('name') || '',
          text: (el.innerText || el.value || '').trim().slice(0, 40),
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
          shadow: style.boxShadow !== 'none'};
}"""


def tab_through(page: Any, limit: int = 60) -> list[dict[str, Any]]:
    """Press Tab from the top of the page until focus leaves it; each stop with its style."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); "
                  "window.scrollTo(0, 0); }")
    stops: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or (stops and focused == stops[0]):
            break
        stops.append(focused)
    return stops
