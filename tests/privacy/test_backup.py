"""Backups that restore: scripts/backup.sh dumps a populated database (pg_dump, custom
format) and the media folder; scripts/restore.sh brings them back into a fresh
database and folder, where every row of every table and every file is found again."""

import hashlib
import os
import subprocess
import uuid
from collections import Counter
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from psycopg import sql

ROOT = Path(__file__).resolve().parents[2]


def fingerprint_tables(conninfo) -> dict:
    """{table: (rows, a hash of every row)} for every table of the public schema."""
    with psycopg.connect(conninfo, autocommit=True) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        result = {}
        for table in tables:
            query = sql.SQL(
                "SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
                "FROM {} t"
            ).format(sql.Identifier(table))
            result[table] = conn.execute(query).fetchone()
        return result


def fingerprint_files(root: Path) -> dict:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def conninfo(name: str) -> str:
    db = connection.settings_dict
    return f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_every_row_and_every_file(
    populated, tmp_path, django_capture_on_commit_callbacks
):
    source = conninfo(connection.settings_dict["NAME"])
    media = Path(settings.MEDIA_ROOT)
    before_rows = fingerprint_tables(source)
    before_files = fingerprint_files(media)
    assert before_rows["registration_delegate"][0] == 5
    # A badge, a batch, two Lists of Participants, two photos (each with its print
    # rendition), a note verbale, a visa letter (its PDF encrypted) and a certificate of
    # attendance.
    folders = Counter(name.split("/")[0] for name in before_files)
    assert (folders["badges"], folders["badge-batches"], folders["exports"]) == (1, 1, 2)
    assert folders["photos"] == 4
    assert folders["nominations"] == 1
    assert (folders["visa-letters"], folders["certificates"]) == (1, 1)
    assert len(before_files) == 11

    env = {**os.environ, "DATABASE_URL": source, "MEDIA_ROOT": str(media)}
    backup = subprocess.run(
        [str(ROOT / "scripts/backup.sh"), str(tmp_path / "backups")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert backup.returncode == 0, backup.stderr
    folder = Path(backup.stdout.strip().splitlines()[-1])
    assert {p.name for p in folder.iterdir()} == {"database.dump", "media.tar.gz", "SHA256SUMS"}

    fresh = f"restore_drill_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(conninfo("postgres"), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(fresh)))
    try:
        restored_media = tmp_path / "restored-media"
        restore = subprocess.run(
            [str(ROOT / "scripts/restore.sh"), str(folder)],
            env={**env, "DATABASE_URL": conninfo(fresh), "MEDIA_ROOT": str(restored_media)},
            capture_output=True,
            text=True,
            check=False,
        )
        assert restore.returncode == 0, restore.stderr

        assert fingerprint_tables(conninfo(fresh)) == before_rows
        assert fingerprint_files(restored_media) == before_files
    finally:
        with psycopg.connect(conninfo("postgres"), autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(fresh)))


def test_a_damaged_backup_is_refused(populated, tmp_path):
    source = conninfo(connection.settings_dict["NAME"])
    env = {**os.environ, "DATABASE_URL": source, "MEDIA_ROOT": settings.MEDIA_ROOT}
    backup = subprocess.run(
        [str(ROOT / "scripts/backup.sh"), str(tmp_path)], env=env, capture_output=True, text=True
    )
    folder = Path(backup.stdout.strip().splitlines()[-1])
    with (folder / "media.tar.gz").open("ab") as f:
        f.write(b"damage")

    restore = subprocess.run(
        [str(ROOT / "scripts/restore.sh"), str(folder)],
        env={**env, "DATABASE_URL": conninfo("nowhere"), "MEDIA_ROOT": str(tmp_path / "m")},
        capture_output=True,
        text=True,
    )

    assert restore.returncode != 0
    assert "FAILED" in restore.stdout + restore.stderr
    assert not (tmp_path / "m").exists()
