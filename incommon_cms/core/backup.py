"""Backups with the database's own tools: `pg_dump`/`pg_restore` for PostgreSQL, the SQLite backup API for SQLite,
plus the uploaded files (MEDIA_ROOT). One archive (a .tar) holds:

    manifest.json        engine, date, the applied migrations, row counts (checked on restore)
    database.dump        PostgreSQL custom-format dump   (or database.sqlite3 for SQLite)
    media/...            every file under MEDIA_ROOT

See docs/deploy.md ("Backups").
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from wagtail.models import Page, Revision

FORMAT_VERSION = 1
POSTGRES = "postgresql"
SQLITE = "sqlite"


class BackupError(Exception):
    pass


@dataclass
class BackupSummary:
    path: Path
    engine: str
    media_files: int
    pages: int
    revisions: int


def engine_of(alias="default"):
    vendor = connections[alias].vendor
    if vendor not in (POSTGRES, SQLITE):
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return vendor


def _pg_env_and_args(alias):
    db = connections[alias].settings_dict
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return env, args, db["NAME"]


def _run(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:2000]}")


def _counts(alias):
    return {
        "pages": Page.objects.using(alias).count(),
        "revisions": Revision.objects.using(alias).count(),
    }


def _applied_migrations(alias):
    recorder = MigrationRecorder(connections[alias])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def _dump_database(alias, target: Path):
    engine = engine_of(alias)
    if engine == POSTGRES:
        env, args, name = _pg_env_and_args(alias)
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *args, "--file", str(target), name], env)
    else:
        connection = connections[alias]
        connection.ensure_connection()
        with sqlite3.connect(target) as destination:
            connection.connection.backup(destination)
        destination.close()


def create_backup(output: Path, alias="default", media_root=None) -> BackupSummary:
    """Write a consistent backup archive to `output` (a .tar file, or a directory to put a dated one in)."""
    engine = engine_of(alias)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    output = Path(output)
    if output.is_dir():
        output = output / f"incommon-backup-{timezone.now():%Y%m%d-%H%M%S}.tar"
    output.parent.mkdir(parents=True, exist_ok=True)
    counts = _counts(alias)
    manifest = {
        "format": FORMAT_VERSION,
        "engine": engine,
        "created": timezone.now().isoformat(),
        "migrations": _applied_migrations(alias),
        **counts,
    }
    database_name = "database.dump" if engine == POSTGRES else "database.sqlite3"
    partial = output.with_name(output.name + ".partial")
    media_files = 0
    with tempfile.TemporaryDirectory(prefix="incommon-backup-") as workdir:
        dump_path = Path(workdir) / database_name
        _dump_database(alias, dump_path)
        with tarfile.open(partial, "w") as archive:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump_path, arcname=database_name)
            if media_root.is_dir():
                for path in sorted(media_root.rglob("*")):
                    if path.is_file() and not path.is_symlink():
                        archive.add(path, arcname=f"media/{path.relative_to(media_root).as_posix()}")
                        media_files += 1
    partial.replace(output)
    return BackupSummary(output, engine, media_files, counts["pages"], counts["revisions"])


def read_manifest(archive_path: Path):
    try:
        with tarfile.open(archive_path, "r") as archive:
            return json.load(archive.extractfile("manifest.json"))
    except (OSError, tarfile.TarError, KeyError, ValueError) as error:
        raise BackupError(f"{archive_path} is not an In Common backup: {error}")


def _restore_database(alias, dump_path: Path, engine):
    connection = connections[alias]
    if engine == POSTGRES:
        connection.close()
        env, args, name = _pg_env_and_args(alias)
        # --clean drops every object of the dump first; --single-transaction makes the restore all or nothing.
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                *args,
                "--dbname",
                name,
                str(dump_path),
            ],
            env,
        )
    else:
        connection.ensure_connection()
        with sqlite3.connect(dump_path) as source:
            source.backup(connection.connection)
        source.close()


def _restore_media(archive, media_root: Path):
    members = [m for m in archive.getmembers() if m.name.startswith("media/") and m.isfile()]
    media_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=media_root.parent))
    try:
        archive.extractall(staging, members=members, filter="data")
        restored = staging / "media"
        restored.mkdir(exist_ok=True)
        old = media_root.with_name(media_root.name + ".before-restore")
        if old.exists():
            shutil.rmtree(old)
        media_root.rename(old)
        restored.rename(media_root)
        shutil.rmtree(old)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return len(members)


def restore_backup(archive_path: Path, alias="default", media_root=None) -> BackupSummary:
    """Replace the database and MEDIA_ROOT with the archive's content. The engine must be the archive's engine."""
    archive_path = Path(archive_path)
    manifest = read_manifest(archive_path)
    engine = engine_of(alias)
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unsupported backup format {manifest.get('format')!r}.")
    if manifest["engine"] != engine:
        raise BackupError(f"This backup is a {manifest['engine']} backup; the configured database is {engine}.")
    media_root = Path(media_root or settings.MEDIA_ROOT)
    database_name = "database.dump" if engine == POSTGRES else "database.sqlite3"
    with tempfile.TemporaryDirectory(prefix="incommon-restore-") as workdir, tarfile.open(archive_path) as archive:
        try:
            archive.extract(database_name, workdir, filter="data")
        except KeyError:
            raise BackupError(f"{archive_path} has no {database_name}.")
        _restore_database(alias, Path(workdir) / database_name, engine)
        media_files = _restore_media(archive, media_root)
    counts = _counts(alias)
    if (counts["pages"], counts["revisions"]) != (manifest["pages"], manifest["revisions"]):
        raise BackupError(
            f"Restored {counts}, the backup recorded {manifest['pages']} pages and {manifest['revisions']} revisions."
        )
    return BackupSummary(archive_path, engine, media_files, counts["pages"], counts["revisions"])
