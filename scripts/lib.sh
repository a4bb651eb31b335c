# Shared by scripts/run and scripts/test: installs what is missing, starts the private
# PostgreSQL cluster, prepares the database. Source it; every step is idempotent.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

WASM_BINDGEN_VERSION="0.2.130"   # must equal wasm-bindgen in Cargo.lock
CARGO_LEPTOS_VERSION="0.3.10"    # 0.3.11 needs a newer rustc than 1.95
BINARYEN_VERSION="132.0.0"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
export PATH="$HOME/.cargo/bin:$ROOT/.tools/node_modules/.bin:$PATH"
export LEPTOS_OUTPUT_NAME="epic-events"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

apt_install() {
  # Debian packages, installed only when missing.
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! is_root; then
    die "missing Debian packages: ${missing[*]} — install them as root: apt-get install ${missing[*]}"
  fi
  step "Installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_rust_tools() {
  command -v cargo >/dev/null || die "cargo is missing: install Rust with rustup first"
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "Adding the wasm32 target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    step "Installing cargo-leptos $CARGO_LEPTOS_VERSION (about 20 minutes on 2 cores, once)"
    cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
    step "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
    # Not --locked: its lock file names a crate version the registry lacks.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
}

ensure_node_tools() {
  command -v npm >/dev/null || apt_install nodejs npm
  if [ ! -x "$ROOT/.tools/node_modules/.bin/wasm-opt" ]; then
    step "Installing binaryen $BINARYEN_VERSION (wasm-opt, for release builds)"
    mkdir -p "$ROOT/.tools"
    npm install --silent --prefix "$ROOT/.tools" --no-save --no-audit --no-fund "binaryen@$BINARYEN_VERSION"
  fi
}

ensure_postgres() {
  [ -x "$PG_BIN/initdb" ] || apt_install postgresql
  [ -x "$PG_BIN/initdb" ] || die "PostgreSQL 15 server binaries not found in $PG_BIN (set PG_BIN)"
}

# --- The private cluster -----------------------------------------------------------------

# Its files live under .data/ in the project, unless the postgres user cannot reach that folder.
pg_owner() { if is_root; then echo postgres; else id -un; fi; }
as_pg() { if is_root; then runuser -u postgres -- "$@"; else "$@"; fi; }

DATA_DIR="$ROOT/.data"
PG_PORT="${PG_PORT:-$((54000 + $(printf '%s' "$ROOT" | cksum | cut -d' ' -f1) % 900))}"

pg_dir() {
  if is_root && ! runuser -u postgres -- test -x "$DATA_DIR" 2>/dev/null; then
    # The project folder is closed to the postgres user: keep the cluster in a folder it owns.
    echo "/var/lib/epic-events/$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)/pg"
  else
    echo "$DATA_DIR/pg"
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

random_secret() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

start_private_postgres() {
  ensure_postgres
  mkdir -p "$DATA_DIR"
  chmod 755 "$DATA_DIR"
  local dir; dir="$(pg_dir)"
  local socket_dir="$dir/socket"
  if [ ! -s "$dir/PG_VERSION" ]; then
    step "Creating the private PostgreSQL cluster in $dir"
    mkdir -p "$dir"
    is_root && chown -R postgres:postgres "$(dirname "$dir")" "$dir"
    as_pg "$PG_BIN/initdb" -D "$dir" --auth-local=peer --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 -U "$(pg_owner)" >/dev/null
    as_pg mkdir -p "$socket_dir"
  fi
  local port_file="$DATA_DIR/pg.port"
  [ -s "$port_file" ] && PG_PORT="$(cat "$port_file")"
  if ! as_pg "$PG_BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    # Another program (or another clone's cluster) may hold the usual port: take the next free one.
    local tries=0
    while port_in_use "$PG_PORT"; do
      tries=$((tries + 1))
      [ "$tries" -le 50 ] || die "no free port for PostgreSQL near $PG_PORT"
      PG_PORT=$((PG_PORT + 1))
    done
    echo "$PG_PORT" > "$port_file"
    step "Starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as_pg "$PG_BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start \
      -o "-p $PG_PORT -k $socket_dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB -c fsync=${PG_FSYNC:-on}" >/dev/null \
      || { tail -20 "$dir/server.log" >&2; die "PostgreSQL did not start"; }
  fi
  PSQL=(as_pg psql -X -q -v ON_ERROR_STOP=1 -h "$socket_dir" -p "$PG_PORT" -d postgres)
  ensure_roles
}

# Two roles: the owner applies migrations; the app role may only read and write rows.
ensure_roles() {
  local secrets="$DATA_DIR/db.env"
  if [ ! -s "$secrets" ]; then
    umask 077
    cat > "$secrets" <<ENV
OWNER_PASSWORD=$(random_secret)
APP_PASSWORD=$(random_secret)
ENV
    umask 022
  fi
  # shellcheck disable=SC1090
  . "$secrets"
  "${PSQL[@]}" <<SQL >/dev/null
select 'create role epic_owner login createdb' where not exists (select 1 from pg_roles where rolname = 'epic_owner') \gexec
select 'create role epic_app login' where not exists (select 1 from pg_roles where rolname = 'epic_app') \gexec
alter role epic_owner password '$OWNER_PASSWORD';
alter role epic_app password '$APP_PASSWORD' nocreatedb nocreaterole;
select 'create database epic_events owner epic_owner' where not exists (select 1 from pg_database where datname = 'epic_events') \gexec
select 'create database epic_events_test owner epic_owner' where not exists (select 1 from pg_database where datname = 'epic_events_test') \gexec
SQL
  export DATABASE_OWNER_URL="postgres://epic_owner:$OWNER_PASSWORD@127.0.0.1:$PG_PORT/epic_events"
  export DATABASE_URL="postgres://epic_app:$APP_PASSWORD@127.0.0.1:$PG_PORT/epic_events"
  export TEST_OWNER_URL="postgres://epic_owner:$OWNER_PASSWORD@127.0.0.1:$PG_PORT/epic_events_test"
  export TEST_APP_URL="postgres://epic_app:$APP_PASSWORD@127.0.0.1:$PG_PORT/epic_events_test"
}

# Uses DATABASE_URL as given (and DATABASE_OWNER_URL, or the same URL, for migrations),
# or else the private cluster.
# PRIVATE_DATABASE says which: only the private cluster gets the demo accounts.
prepare_database() {
  if [ -n "${DATABASE_URL:-}" ]; then
    step "Using the database at DATABASE_URL"
    export DATABASE_OWNER_URL="${DATABASE_OWNER_URL:-$DATABASE_URL}"
    PRIVATE_DATABASE=false
  else
    start_private_postgres
    PRIVATE_DATABASE=true
  fi
}

server_bin() { echo "${CARGO_TARGET_DIR:-$ROOT/target}/$1/server"; }

# The REST API's signing key: random, generated once into the private data folder.
JWT_KEY_FILE="$DATA_DIR/jwt-signing-key"
ensure_jwt_key() {
  if [ ! -s "$JWT_KEY_FILE" ]; then
    mkdir -p "$DATA_DIR"
    (umask 077 && head -c 48 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$JWT_KEY_FILE")
  fi
}

# openapi-spec-validator (PyPI) in a private virtual environment, for scripts/test.
OPENAPI_VALIDATOR_VERSION="0.8.4"
ensure_openapi_validator() {
  local venv="$ROOT/.tools/venv"
  if ! "$venv/bin/openapi-spec-validator" --help >/dev/null 2>&1; then
    python3 -m venv --help >/dev/null 2>&1 || apt_install python3-venv
    step "Installing openapi-spec-validator $OPENAPI_VALIDATOR_VERSION into .tools/venv"
    mkdir -p "$ROOT/.tools"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "openapi-spec-validator==$OPENAPI_VALIDATOR_VERSION"
  fi
}

# A local SMTP sink (aiosmtpd, PyPI) for the notification digest's tests: it listens on
# 127.0.0.1 only and keeps every mail it gets in a maildir; nothing leaves the machine.
AIOSMTPD_VERSION="1.4.6"
ensure_smtp_sink() {
  local venv="$ROOT/.tools/venv"
  if ! "$venv/bin/python" -c "import aiosmtpd" >/dev/null 2>&1; then
    python3 -m venv --help >/dev/null 2>&1 || apt_install python3-venv
    step "Installing aiosmtpd $AIOSMTPD_VERSION into .tools/venv (the tests' SMTP sink)"
    mkdir -p "$ROOT/.tools"
    [ -x "$venv/bin/pip" ] || python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "aiosmtpd==$AIOSMTPD_VERSION"
  fi
}

# Starts the sink on a free port; exports TEST_SMTP_URL and TEST_SMTP_MAILDIR and SMTP_SINK_PID.
start_smtp_sink() {
  local port=$((PG_PORT + 1000))
  while port_in_use "$port"; do port=$((port + 1)); done
  export TEST_SMTP_MAILDIR="$DATA_DIR/smtp-sink"
  rm -rf "$TEST_SMTP_MAILDIR"
  mkdir -p "$TEST_SMTP_MAILDIR"/{tmp,new,cur}
  "$ROOT/.tools/venv/bin/python" -m aiosmtpd -n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Mailbox "$TEST_SMTP_MAILDIR" &
  SMTP_SINK_PID=$!
  for _ in $(seq 1 50); do port_in_use "$port" && break; sleep 0.1; done
  port_in_use "$port" || die "the SMTP sink did not start on 127.0.0.1:$port"
  export TEST_SMTP_URL="smtp://127.0.0.1:$port"
}

# Swagger UI for /api/docs, from npm (the version in api-docs/package-lock.json).
ensure_api_docs() {
  if [ ! -f "$ROOT/api-docs/node_modules/swagger-ui-dist/swagger-ui-bundle.js" ]; then
    step "Installing Swagger UI (api-docs/) for /api/docs"
    (cd "$ROOT/api-docs" && npm ci --ignore-scripts --no-audit --no-fund --silent)
  fi
}
