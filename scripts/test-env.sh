#!/usr/bin/env bash
# Prepares this machine (Debian 12, run as root) for Samskap's tests. Idempotent.
#
#  - Debian's Chromium at /usr/bin/chromium (the end-to-end tests never download a browser)
#  - a running PostgreSQL cluster, with a login role samskap_test / samskap_test (CREATEDB)
#    that connects over TCP on 127.0.0.1:5432 with its password
#  - end2end/node_modules, installed from end2end/package-lock.json (skipped when current)
#
# The PostgreSQL tests take their server from SAMSKAP_TEST_PG_URL, a constant:
#
#   export SAMSKAP_TEST_PG_URL=postgres://samskap_test:samskap_test@127.0.0.1:5432/postgres
#
# The script prints that line on stdout (everything else goes to stderr), so a caller can
# also do:  eval "$(bash scripts/test-env.sh)"
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_HOST=127.0.0.1
PG_PORT=5432
PG_ROLE=samskap_test
PG_PASSWORD=samskap_test
PG_URL="postgres://${PG_ROLE}:${PG_PASSWORD}@${PG_HOST}:${PG_PORT}/postgres"

log() { echo "test-env: $*" >&2; }
die() { log "error: $*"; exit 1; }

APT_UPDATED=0
apt_install() {
  [ "$(id -u)" -eq 0 ] || die "must run as root to install: $*"
  if [ "$APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    apt-get update -qq >&2
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

# --- Chromium -------------------------------------------------------------------------------
if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi
log "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo '?')"

# --- PostgreSQL -----------------------------------------------------------------------------
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt_install postgresql
fi

# The first cluster listed (Debian 12: 15 main); create one if the package left none.
cluster="$(pg_lsclusters -h 2>/dev/null | awk 'NR == 1 { print $1, $2 }')"
if [ -z "$cluster" ]; then
  version="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n 1)"
  log "creating PostgreSQL cluster $version main"
  pg_createcluster "$version" main >&2
  cluster="$version main"
fi
read -r pg_version pg_name <<<"$cluster"
pg_port="$(pg_lsclusters -h | awk -v v="$pg_version" -v n="$pg_name" '$1 == v && $2 == n { print $3 }')"
[ "$pg_port" = "$PG_PORT" ] || die "cluster $pg_version/$pg_name listens on port $pg_port, not $PG_PORT"

status="$(pg_lsclusters -h | awk -v v="$pg_version" -v n="$pg_name" '$1 == v && $2 == n { print $4 }')"
if [ "$status" != "online" ]; then
  log "starting PostgreSQL cluster $pg_version/$pg_name"
  pg_ctlcluster "$pg_version" "$pg_name" start >&2
fi
for _ in $(seq 1 60); do
  pg_isready -q -h "$PG_HOST" -p "$PG_PORT" && break
  sleep 1
done
pg_isready -q -h "$PG_HOST" -p "$PG_PORT" || die "PostgreSQL is not ready on $PG_HOST:$PG_PORT"
log "PostgreSQL $pg_version/$pg_name is ready on $PG_HOST:$PG_PORT"

# psql as the postgres superuser, over the local socket (peer authentication).
pg_admin() {
  (cd / && runuser -u postgres -- psql -X -q -At -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres "$@")
}

if [ "$(pg_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '${PG_ROLE}'")" = "1" ]; then
  pg_admin -c "ALTER ROLE ${PG_ROLE} WITH LOGIN CREATEDB PASSWORD '${PG_PASSWORD}'"
else
  log "creating role ${PG_ROLE}"
  pg_admin -c "CREATE ROLE ${PG_ROLE} WITH LOGIN CREATEDB PASSWORD '${PG_PASSWORD}'"
fi

pg_login_works() {
  PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=5 psql -X -q -At \
    -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ROLE" -d postgres -c 'SELECT 1' >/dev/null 2>&1
}

if ! pg_login_works; then
  # Debian's default pg_hba.conf allows password logins on 127.0.0.1; if this one does not,
  # put a rule for the test role first (the first matching line wins) and reload.
  hba="$(pg_admin -c 'SHOW hba_file')"
  rule="host all ${PG_ROLE} 127.0.0.1/32 scram-sha-256"
  if ! grep -qxF "$rule" "$hba"; then
    log "adding to $hba: $rule"
    sed -i "1i ${rule}" "$hba"
  fi
  pg_admin -c 'SELECT pg_reload_conf()' >/dev/null
  sleep 1
  pg_login_works || die "cannot log in as ${PG_ROLE} with its password on ${PG_HOST}:${PG_PORT}"
fi
log "role ${PG_ROLE} logs in with its password on ${PG_HOST}:${PG_PORT}"

# --- end2end/node_modules -------------------------------------------------------------------
command -v npm >/dev/null 2>&1 || die "npm is missing (Node.js 20 or later is needed)"
cd "$ROOT/end2end"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
deps_hash() { cat package.json package-lock.json | sha256sum | cut -d ' ' -f 1; }

if [ -f package-lock.json ]; then
  if [ -f node_modules/.lock-hash ] && [ "$(cat node_modules/.lock-hash)" = "$(deps_hash)" ]; then
    log "end2end/node_modules is up to date"
  else
    log "npm ci in end2end/"
    npm ci --no-audit --no-fund >&2
    deps_hash >node_modules/.lock-hash
  fi
else
  log "npm install in end2end/ (no package-lock.json yet)"
  npm install --no-audit --no-fund >&2
  deps_hash >node_modules/.lock-hash
fi

log "ready. The PostgreSQL tests need:"
echo "export SAMSKAP_TEST_PG_URL=${PG_URL}"
