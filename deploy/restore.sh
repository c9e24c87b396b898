#!/usr/bin/env bash
# Restore a backup made by backup.sh into DATABASE_URL and MEDIA_ROOT, then rebuild
# the search index. Stop the web and worker services first.
# Usage: restore.sh DUMP_FILE [MEDIA_TARBALL]
set -euo pipefail
dump=${1:?usage: restore.sh DUMP_FILE [MEDIA_TARBALL]}
media=${2:-}
: "${DATABASE_URL:?DATABASE_URL must be set}"
cd "$(dirname "$0")/.."
pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" "$dump"
if [ -n "$media" ]; then
    : "${MEDIA_ROOT:?MEDIA_ROOT must be set}"
    mkdir -p "$MEDIA_ROOT"
    tar -C "$MEDIA_ROOT" -xzf "$media"
fi
.venv/bin/python manage.py migrate --no-input
.venv/bin/python manage.py search_index rebuild
echo "Restored $dump"
