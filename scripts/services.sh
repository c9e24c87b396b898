#!/usr/bin/env bash
# Install (from Debian's packages) and start the services the PostgreSQL half of the
# suite and a production-like run need: PostgreSQL on 127.0.0.1:5432 with a `test`
# database, and Redis on 127.0.0.1:6379. Safe to run again: what is installed is not
# reinstalled, what runs is left running. Needs root (or sudo) for the first install.
#
#   bash scripts/services.sh          install if missing, start, wait until they answer
#   bash scripts/services.sh stop     stop both (the data stays)
set -euo pipefail

PG_PORT=5432
REDIS_PORT=6379
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

log() { echo "services: $*"; }

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    $SUDO apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

pg_version() { ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1; }

wait_for() { # wait_for NAME SECONDS COMMAND...
  local name=$1 seconds=$2
  shift 2
  for _ in $(seq 1 "$((seconds * 4))"); do
    if "$@" >/dev/null 2>&1; then
      log "$name answers"
      return 0
    fi
    sleep 0.25
  done
  log "$name did not answer within ${seconds}s" >&2
  return 1
}

stop_services() {
  local v
  v=$(pg_version)
  if [ -n "$v" ] && command -v pg_ctlcluster >/dev/null 2>&1; then
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$v" main stop 2>/dev/null || true
  fi
  if command -v redis-cli >/dev/null 2>&1; then
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave 2>/dev/null || true
  fi
  log "stopped"
}

start_postgresql() {
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(pg_version)" ]; then
    log "installing PostgreSQL from Debian's packages"
    apt_install postgresql
  fi
  local v conf hba
  v=$(pg_version)
  if ! $SUDO pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$v main"; then
    $SUDO pg_createcluster "$v" main --port "$PG_PORT" >/dev/null
  fi
  conf=/etc/postgresql/$v/main
  hba=$conf/pg_hba.conf
  # Loopback only, and trusted: this is a development and CI database, never production.
  if ! grep -q "newcomer-exchange" "$hba"; then
    $SUDO sed -i '1i # newcomer-exchange: local development and CI trust loopback\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$v" main reload 2>/dev/null || true
  fi
  if ! pg_isready -h 127.0.0.1 -p "$PG_PORT" -q 2>/dev/null; then
    log "starting PostgreSQL $v on 127.0.0.1:$PG_PORT"
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$v" main start \
      -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT" || true
  fi
  wait_for PostgreSQL 60 pg_isready -h 127.0.0.1 -p "$PG_PORT" -q
  if ! psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1; then
    psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -q -c "CREATE DATABASE test;"
    log "created database test"
  fi
}

start_redis() {
  if ! command -v redis-server >/dev/null 2>&1; then
    log "installing Redis from Debian's packages"
    apt_install redis-server
  fi
  if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
    log "starting Redis on 127.0.0.1:$REDIS_PORT"
    local dir=/var/lib/redis logdir=/var/log/redis
    $SUDO mkdir -p "$dir" "$logdir"
    $SUDO redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" \
      --save "" --appendonly no --dir "$dir" --logfile "$logdir/newcomer-exchange.log"
  fi
  wait_for Redis 30 sh -c "redis-cli -h 127.0.0.1 -p $REDIS_PORT ping | grep -q PONG"
}

case "${1:-start}" in
  start)
    start_postgresql
    start_redis
    log "PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/test"
    log "Redis:      REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0"
    ;;
  stop) stop_services ;;
  *)
    echo "usage: $0 [start|stop]" >&2
    exit 2
    ;;
esac
