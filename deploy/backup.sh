#!/usr/bin/env bash
# Nightly backup: the PostgreSQL database (custom format) and the uploaded media.
# Usage: backup.sh [BACKUP_DIR]   (reads DATABASE_URL and MEDIA_ROOT from the
# environment, e.g. `set -a; . /etc/exchange/environment; set +a`). Keeps 30 days.
set -euo pipefail
BACKUP_DIR=${1:-/backup/exchange}
: "${DATABASE_URL:?DATABASE_URL must be set}"
: "${MEDIA_ROOT:?MEDIA_ROOT must be set}"
stamp=$(date +%F-%H%M)
mkdir -p "$BACKUP_DIR"
pg_dump --format=custom --file="$BACKUP_DIR/exchange-$stamp.dump.part" "$DATABASE_URL"
mv "$BACKUP_DIR/exchange-$stamp.dump.part" "$BACKUP_DIR/exchange-$stamp.dump"
tar -C "$MEDIA_ROOT" -czf "$BACKUP_DIR/media-$stamp.tar.gz.part" .
mv "$BACKUP_DIR/media-$stamp.tar.gz.part" "$BACKUP_DIR/media-$stamp.tar.gz"
# A backup that cannot be read is no backup: list its table of contents.
pg_restore --list "$BACKUP_DIR/exchange-$stamp.dump" > /dev/null
find "$BACKUP_DIR" -name 'exchange-*.dump' -mtime +30 -delete
find "$BACKUP_DIR" -name 'media-*.tar.gz' -mtime +30 -delete
echo "$BACKUP_DIR/exchange-$stamp.dump $BACKUP_DIR/media-$stamp.tar.gz"
