#!/usr/bin/env bash
# A backup that restores (docs/operations.md, "Backup and restore"): the PostgreSQL database in
# pg_dump's custom format and the media folder (badges, exports) as a tar, with
# their checksums, in a new folder DIR/<UTC time>/ whose path is printed last.
#
#   DATABASE_URL=postgres://user:pass@host:5432/intersessional \
#   MEDIA_ROOT=/srv/intersessional/var/media  scripts/backup.sh /backups
#
# MEDIA_ROOT defaults to $VAR_DIR/media, then var/media. PG_BIN names the folder of
# pg_dump (default: the newest /usr/lib/postgresql/*/bin, else the PATH); it must be
# of the server's major version or newer.
set -euo pipefail

out=${1:?usage: scripts/backup.sh DIR}
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to back up}"
media=${MEDIA_ROOT:-${VAR_DIR:-var}/media}
if [[ -z ${PG_BIN:-} ]]; then
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
pg() { if [[ -n $PG_BIN ]]; then "$PG_BIN/$1" "${@:2}"; else "$@"; fi; }

dir="$out/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$dir"
chmod 700 "$dir"  # personal data: the backup is as private as the database

pg pg_dump --format=custom --no-owner --no-privileges --file="$dir/database.dump" \
  --dbname="$DATABASE_URL"
if [[ -d $media ]]; then
  tar -C "$media" -czf "$dir/media.tar.gz" .
else
  tar -czf "$dir/media.tar.gz" --files-from /dev/null
fi
(cd "$dir" && sha256sum database.dump media.tar.gz >SHA256SUMS)
echo "$dir"
