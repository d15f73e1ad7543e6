"""Backups of the whole database, consistent while the application runs, and restoring one.

SQLite: the online backup API copies the database page by page from one connection to another, as one
consistent snapshot even while others write. PostgreSQL: `pg_dump` (custom format) reads one snapshot;
`pg_restore --clean --single-transaction` brings it back all or nothing.

A backup is written next to its destination under a temporary name and renamed when complete: a full disk or a
failed dump leaves the previous file, never a half-written one.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why."""


def default_path() -> Path:
    suffix = "sqlite3" if connection.vendor == "sqlite" else "dump"
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path(settings.DATA_DIR) / "backups" / f"pmo-{stamp}.{suffix}"


def _pg_environment() -> tuple[list[str], dict[str, str]]:
    """Connection options for pg_dump / pg_restore from the database settings (the password in the
    environment, never on the command line)."""
    db = connection.settings_dict
    options = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        options += ["--host", db["HOST"]]
    if db.get("PORT"):
        options += ["--port", str(db["PORT"])]
    if db.get("USER"):
        options += ["--username", db["USER"]]
    environment = {**os.environ}
    if db.get("PASSWORD"):
        environment["PGPASSWORD"] = db["PASSWORD"]
    return options, environment


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed (Debian: apt install postgresql-client).")
    return found


def backup(target: Path | None = None) -> Path:
    """Write a consistent snapshot of the database to `target` (default: PMO_DATA_DIR/backups/…); returns it."""
    target = Path(target or default_path())
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as error:
        raise BackupError(f"The backup could not be written to {target}: {error}") from error
    os.close(handle)
    partial = Path(temporary)
    try:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            copy = sqlite3.connect(partial)
            try:
                connection.connection.backup(copy)
            finally:
                copy.close()
        elif connection.vendor == "postgresql":
            options, environment = _pg_environment()
            done = subprocess.run(
                [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(partial), *options],
                env=environment,
                capture_output=True,
                text=True,
            )
            if done.returncode != 0:
                raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
        else:
            raise BackupError(f"Backups of a {connection.vendor} database are not supported.")
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as error:
        raise BackupError(f"The backup could not be written to {target}: {error}") from error
    finally:  # the temporary file, and the journal SQLite keeps beside it when a write fails (full disk)
        for leftover in (partial, partial.with_name(f"{partial.name}-journal")):
            leftover.unlink(missing_ok=True)
    return target


def _kind(source: Path) -> str:
    with source.open("rb") as file:
        start = file.read(len(SQLITE_MAGIC))
    if start.startswith(SQLITE_MAGIC):
        return "sqlite"
    if start.startswith(PG_MAGIC):
        return "postgresql"
    raise BackupError(f"{source} is not a PMO backup (neither an SQLite database nor a pg_dump archive).")


def restore(source: Path) -> None:
    """Replace the database's content with the backup's, all or nothing."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"There is no backup file {source}.")
    kind = _kind(source)
    if kind != connection.vendor:
        raise BackupError(f"{source} is a {kind} backup; this database is {connection.vendor}.")
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        if connection.in_atomic_block:
            raise BackupError("A restore cannot run inside a transaction.")
        backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            backup_db.backup(connection.connection)
        except sqlite3.Error as error:
            raise BackupError(f"The backup {source} could not be restored: {error}") from error
        finally:
            backup_db.close()
        return
    options, environment = _pg_environment()
    connection.close()  # no session of ours holds a lock on what is dropped and created again
    done = subprocess.run(
        [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            *options,
            str(source),
        ],
        env=environment,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise BackupError(f"pg_restore failed; the database is unchanged: {done.stderr.strip()}")
