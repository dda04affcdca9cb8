"""`make backup` and `make restore`: the database and the uploaded files, together.

    python -m config.backup backup [DIR]     # default: backups/kyozai-<date>-<time>/
    python -m config.backup restore DIR

SQLite is copied with SQLite's own online-backup API (a consistent copy even while the
site is serving, WAL included); PostgreSQL with pg_dump/pg_restore in custom format. The
media folder goes into media.tar.gz. A manifest records what was taken and when, and
restore refuses a folder that is not a complete backup rather than half-restoring.
"""

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from datetime import datetime
from pathlib import Path

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.pgdump"
MEDIA_FILE = "media.tar.gz"


class BackupError(Exception):
    """A backup or restore that cannot go ahead, with a message for the operator."""


def _settings():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django
    from django.conf import settings

    django.setup()
    return settings


def _database(settings) -> dict:
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


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is missing: install Debian's postgresql-client (make install does)."
        )
    return path


def backup(target: Path) -> Path:
    settings = _settings()
    database = _database(settings)
    target.mkdir(parents=True, exist_ok=False)

    if database["kind"] == "sqlite3":
        source = sqlite3.connect(str(database["NAME"]))
        copy = sqlite3.connect(str(target / SQLITE_FILE))
        with copy:
            source.backup(copy)
        copy.close()
        source.close()
        database_file = SQLITE_FILE
    else:
        subprocess.run(  # noqa: S603 - fixed tool, arguments from our own settings
            [
                _tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--file",
                str(target / POSTGRES_FILE),
                *_pg_args(database),
            ],
            check=True,
            env=_pg_env(database),
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

    settings = _settings()
    database = _database(settings)
    if database["kind"] != manifest["database"]:
        raise BackupError(
            f"This backup is of a {manifest['database']} database; "
            f"the site uses {database['kind']}."
        )

    from django.db import connections

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
        subprocess.run(  # noqa: S603
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                *_pg_args(database),
                str(source / manifest["database_file"]),
            ],
            check=True,
            env=_pg_env(database),
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m config.backup", description=__doc__.splitlines()[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    take = commands.add_parser("backup", help="take a backup")
    take.add_argument("target", nargs="?", help="folder to create (default: backups/kyozai-<time>)")
    back = commands.add_parser("restore", help="restore a backup (replaces the database and media)")
    back.add_argument("source", help="a folder made by backup")
    options = parser.parse_args(argv)
    try:
        if options.command == "backup":
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            folder = backup(Path(options.target or f"backups/kyozai-{stamp}"))
            print(f"Backup written to {folder}")
        else:
            restore(Path(options.source))
            print(f"Restored the database and media from {options.source}")
    except (BackupError, FileExistsError, subprocess.CalledProcessError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
