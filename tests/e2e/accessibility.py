"""Check a page in the browser with axe-core, the accessibility engine browsers' own audit
tools are built on, and fail on anything a teacher with a screen reader, keyboard or low
vision would be blocked by (axe's "serious" and "critical" impacts).

axe-core comes from npm (tests/e2e/axe/, pinned by its package-lock.json; `make test`
installs it). Kyozai's Content-Security-Policy allows only the site's own scripts, so the
audit runs in a browser context that bypasses the policy: the pages are the same, only the
checker is let in. Everything else the journeys do keeps the policy.
"""

import json
from pathlib import Path

import pytest

AXE_SCRIPT = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"

# WCAG 2.0, 2.1 and 2.2, levels A and AA: what Japanese public-sector guidance (JIS X 8341-3)
# and most school boards ask of a site.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

BLOCKING_IMPACTS = ("serious", "critical")


def _axe_script() -> str:
    if not AXE_SCRIPT.exists():  # pragma: no cover - make test installs it
        pytest.fail(f"axe-core is missing ({AXE_SCRIPT}): run `make install-test`.")
    return str(AXE_SCRIPT)


def audit_context(browser, **options):
    """A browser context the audit may inject axe-core into (see the module docstring)."""
    options.setdefault("viewport", {"width": 1280, "height": 900})
    options.setdefault("locale", "en-GB")
    return browser.new_context(bypass_csp=True, **options)


def blocking_violations(page) -> list[dict]:
    """axe's WCAG 2 A/AA violations on the page as it is now, serious or critical only."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=_axe_script())
    results = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return results.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                nodes: v.nodes.map((n) => ({
                    target: n.target.join(" "),
                    impact: n.impact,
                    summary: n.failureSummary,
                })),
            }));
        }""",
        WCAG_TAGS,
    )
    return [violation for violation in results if violation["impact"] in BLOCKING_IMPACTS]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"    {node['target']}  — {summary[:300]}")
    return "\n".join(lines)


def assert_accessible(page, where: str) -> None:
    """Fail listing every serious or critical violation and the elements that have it."""
    violations = blocking_violations(page)
    assert not violations, (
        f"axe-core found {len(violations)} serious/critical WCAG problem(s) on {where} "
        f"({page.url}):\n{describe(violations)}\n"
        f"(full results: {json.dumps(violations, ensure_ascii=False)[:2000]})"
    )
