"""`make backup` / `make restore` (`manage.py backup|restore`) round-trip a site's database
and uploads.

Runs the real commands in subprocesses against a throwaway SQLite file (and a throwaway
PostgreSQL database when the suite runs on PostgreSQL), as an operator would.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import django, sys
django.setup()
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
User = get_user_model()
action = sys.argv[1]
if action == "fill":
    User.objects.create_user("keepme", "keep@example.jp", "pw-12345678", display_name="保存 テスト")
    sheet = ContentFile(b"%PDF-1.4 worksheet", name="sheet.pdf")
    Document.objects.create(title="Worksheet", file=sheet)
elif action == "spoil":
    User.objects.filter(username="keepme").delete()
    User.objects.create_user("intruder")
    for document in Document.objects.all():
        document.file.delete(save=False)
        document.delete()
elif action == "check":
    user = User.objects.get(username="keepme")
    assert user.display_name == "保存 テスト", user.display_name
    assert not User.objects.filter(username="intruder").exists()
    document = Document.objects.get(title="Worksheet")
    assert document.file.read() == b"%PDF-1.4 worksheet"
    print("restored ok")
"""


def _run(env, *args, check=True):
    result = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if check and result.returncode:
        raise AssertionError(result.stdout + result.stderr)
    return result


def _round_trip(env, tmp_path):
    _run(env, "manage.py", "migrate", "--noinput", "-v0")
    _run(env, "-c", SCRIPT, "fill")
    backup_dir = tmp_path / "backup"
    taken = _run(env, "manage.py", "backup", str(backup_dir))
    assert "Backup written" in taken.stdout
    assert (
        sorted(p.name for p in backup_dir.iterdir())[0:1] == ["database.pgdump"]
        or (backup_dir / "database.sqlite3").exists()
    )
    _run(env, "-c", SCRIPT, "spoil")
    restored = _run(env, "manage.py", "restore", str(backup_dir))
    assert "Restored" in restored.stdout
    assert "restored ok" in _run(env, "-c", SCRIPT, "check").stdout


def _base_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "MEDIA_ROOT"}}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(DJANGO_SETTINGS_MODULE="config.settings.dev", MEDIA_ROOT=str(tmp_path / "media"))
    return env


def test_backup_and_restore_round_trip_on_sqlite(tmp_path):
    env = _base_env(tmp_path)
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    _round_trip(env, tmp_path)


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the PostgreSQL round trip runs when the suite runs on PostgreSQL (DATABASE_URL)",
)
def test_backup_and_restore_round_trip_on_postgresql(tmp_path):
    import psycopg

    server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    name = f"kyozai_backup_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        env = _base_env(tmp_path)
        env["DATABASE_URL"] = f"{server}/{name}"
        _round_trip(env, tmp_path)
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    env = _base_env(tmp_path)
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    result = _run(env, "manage.py", "restore", str(tmp_path), check=False)
    assert result.returncode == 1
    assert "is not a Kyozai backup" in result.stderr


def test_backup_refuses_a_folder_that_exists(tmp_path):
    env = _base_env(tmp_path)
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    _run(env, "manage.py", "migrate", "--noinput", "-v0")
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "keep.txt").write_text("an operator's file")
    result = _run(env, "manage.py", "backup", str(tmp_path / "taken"), check=False)
    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert "Traceback" not in result.stderr
    assert [path.name for path in (tmp_path / "taken").iterdir()] == ["keep.txt"]
