#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an EMPTY database and media folder:
#
#   createdb intersessional_restored
#   DATABASE_URL=postgres://user:pass@host:5432/intersessional_restored \
#   MEDIA_ROOT=/srv/intersessional/var/media  scripts/restore.sh /backups/20190610T020000Z
#
# The checksums are verified first; the database is restored in one transaction, so a
# failure leaves it empty rather than half-restored. Then point the site's DATABASE_URL
# at it (or rename the databases) and run `manage.py migrate` (a no-op on a backup of
# the same version).
set -euo pipefail

dir=${1:?usage: scripts/restore.sh BACKUP_DIR}
: "${DATABASE_URL:?set DATABASE_URL to the (empty) database to restore into}"
media=${MEDIA_ROOT:-${VAR_DIR:-var}/media}
if [[ -z ${PG_BIN:-} ]]; then
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
pg() { if [[ -n $PG_BIN ]]; then "$PG_BIN/$1" "${@:2}"; else "$@"; fi; }

(cd "$dir" && sha256sum --check --quiet SHA256SUMS)
pg pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$DATABASE_URL" "$dir/database.dump"
mkdir -p "$media"
tar -C "$media" -xzf "$dir/media.tar.gz"
echo "Restored $dir into the database and $media"
