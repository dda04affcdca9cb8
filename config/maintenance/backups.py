"""Backups of the database and the uploaded files, together (`manage.py backup|restore`,
behind `make backup` and `make restore`).

SQLite is copied with SQLite's own online-backup API (a consistent copy even while the
site is serving, WAL included); PostgreSQL with pg_dump/pg_restore in custom format. The
media folder goes into media.tar.gz. A manifest records what was taken and when, and
restore refuses a folder that is not a complete backup rather than half-restoring.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connections

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.pgdump"
MEDIA_FILE = "media.tar.gz"


class BackupError(CommandError):
    """A backup or restore that cannot go ahead, with a message for the operator.

    A CommandError, so `manage.py` prints it without a traceback and exits with status 1.
    """


def default_folder() -> Path:
    """backups/kyozai-<date>-<time>/ under the current folder (the project, for `make`)."""
    return Path(f"backups/kyozai-{datetime.now():%Y%m%d-%H%M%S}")


def _database() -> dict:
    database = settings.DATABASES["default"]
    engine = database["ENGINE"].rsplit(".", 1)[-1]
    if engine not in {"sqlite3", "postgresql"}:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {engine}.")
    return {**database, "kind": engine}


def _pg_env(database: dict) -> dict:
    env = dict(os.environ)
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    return env


def _pg_args(database: dict) -> list[str]:
    args = ["--dbname", str(database["NAME"])]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            args += [flag, str(database[key])]
    return args


def _run_pg_tool(name: str, database: dict, args: list[str]) -> None:
    """Run pg_dump or pg_restore against the site's database; a failure is a BackupError
    (the tool has already printed why on stderr)."""
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is missing: install Debian's postgresql-client (make install does)."
        )
    try:
        subprocess.run(  # noqa: S603 - fixed tool, arguments from our own settings
            [path, *_pg_args(database), *args], check=True, env=_pg_env(database)
        )
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{name} failed with exit status {error.returncode}.") from error


def backup(target: Path) -> Path:
    database = _database()
    try:
        target.mkdir(parents=True, exist_ok=False)
    except FileExistsError as error:
        raise BackupError(f"{target} already exists: name a new folder.") from error

    if database["kind"] == "sqlite3":
        source = sqlite3.connect(str(database["NAME"]))
        copy = sqlite3.connect(str(target / SQLITE_FILE))
        with copy:
            source.backup(copy)
        copy.close()
        source.close()
        database_file = SQLITE_FILE
    else:
        _run_pg_tool(
            "pg_dump",
            database,
            ["--format=custom", "--no-owner", "--file", str(target / POSTGRES_FILE)],
        )
        database_file = POSTGRES_FILE

    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(target / MEDIA_FILE, "w:gz") as archive:
        if media_root.exists():
            archive.add(media_root, arcname="media")

    manifest = {
        "created_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "database": database["kind"],
        "database_file": database_file,
        "media_file": MEDIA_FILE,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return target


def _safe_members(archive: tarfile.TarFile):
    for member in archive.getmembers():
        path = Path(member.name)
        if path.is_absolute() or ".." in path.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"media.tar.gz holds an unsafe entry: {member.name}")
        yield member


def restore(source: Path) -> None:
    manifest_path = source / MANIFEST
    if not manifest_path.exists():
        raise BackupError(f"{source} is not a Kyozai backup (no {MANIFEST}).")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for name in (manifest["database_file"], manifest["media_file"]):
        if not (source / name).exists():
            raise BackupError(f"The backup is incomplete: {name} is missing.")

    database = _database()
    if database["kind"] != manifest["database"]:
        raise BackupError(
            f"This backup is of a {manifest['database']} database; "
            f"the site uses {database['kind']}."
        )

    connections.close_all()
    if database["kind"] == "sqlite3":
        live = Path(database["NAME"])
        backup_db = sqlite3.connect(str(source / manifest["database_file"]))
        live_db = sqlite3.connect(str(live))
        with live_db:
            backup_db.backup(live_db)
        live_db.close()
        backup_db.close()
    else:
        _run_pg_tool(
            "pg_restore",
            database,
            ["--clean", "--if-exists", "--no-owner", str(source / manifest["database_file"])],
        )

    media_root = Path(settings.MEDIA_ROOT)
    staging = media_root.with_name(media_root.name + ".restoring")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with tarfile.open(source / manifest["media_file"], "r:gz") as archive:
        archive.extractall(staging, members=_safe_members(archive), filter="data")
    restored = staging / "media"
    restored.mkdir(exist_ok=True)
    if media_root.exists():
        shutil.rmtree(media_root)
    restored.rename(media_root)
    shutil.rmtree(staging)
