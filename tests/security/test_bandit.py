"""Bandit over Kyozai's own code: no finding of medium or high severity.

Ruff's S rules catch the same smells while typing; this runs the real tool, the way an
auditor would. A false positive is marked on its line with `# nosec Bxxx` after a short
reason (e.g. "escaped above"), never skipped wholesale. `manage.py check --deploy` is held
clean by tests/config/test_settings.py.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUR_CODE = ["accounts", "config", "library", "lessons", "search", "printing"]
BANDIT = Path(sys.executable).parent / "bandit"


def test_bandit_finds_nothing_of_medium_or_high_severity():
    result = subprocess.run(  # noqa: S603 - our own venv's bandit, fixed arguments
        [
            str(BANDIT),
            "--recursive",
            *OUR_CODE,
            "--exclude",
            "*/migrations/*,*/tests/*",
            "--severity-level",
            "medium",
            "--format",
            "json",
            "--quiet",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stdout)
    assert not report["errors"], report["errors"]
    # The scan really read the project (a wrong path would pass with nothing found).
    assert report["metrics"]["_totals"]["loc"] > 5000
    findings = [
        f"{item['filename']}:{item['line_number']} {item['test_id']} "
        f"({item['issue_severity']}): {item['issue_text']}"
        for item in report["results"]
    ]
    assert not findings, "\n".join(findings)
    assert result.returncode == 0, result.stderr
