#!/usr/bin/env bash
# End-to-end browser tests of the portals: Debian's chromium driven headless by playwright-core
# (tests/browser), against a stack of our own (api + ingest-worker on a fresh database, queue and
# local object store). Screenshots of every page visited go to target/browser-screenshots/.
# Expects what scripts/setup.sh installs (PostgreSQL and RabbitMQ reachable, Tesseract,
# poppler-utils); installs chromium and Node.js when missing. Exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
source scripts/env.sh

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
apt_install() {
  log "installing: $*"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
[ -x /usr/bin/chromium ] || apt_install chromium
command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
command -v pdftoppm >/dev/null || apt_install poppler-utils   # thumbnails of the review queue
command -v psql >/dev/null || apt_install postgresql-client

for b in api ingest-worker registry gen-corpus; do
  if [ ! -x "$BIN_DIR/$b" ]; then
    log "building the services (release)"
    cargo build --release -p api -p ingest-worker -p corpus --quiet
    break
  fi
done

log "npm ci (tests/browser)"
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

SUFFIX="$(date +%s)_$$_${RANDOM}"
DB="browser_${SUFFIX}"
TMP="$(mktemp -d -t browser-tests.XXXXXX)"
API_PID="" WORKER_PID=""
export MIGRATE_DATABASE_URL="$(pg_url "$DB_OWNER_ROLE" "$DB_OWNER_PASSWORD" "$DB")"
export DATABASE_URL="$(pg_url "$APP_DB_ROLE" "$APP_DB_PASSWORD" "$DB")"
export OBJECT_STORE=local OBJECT_STORE_DIR="$TMP/objects" WORK_DIR="$TMP/work"
export BATCH_QUEUE="browser.${SUFFIX}" API_ADDR=127.0.0.1:0 API_ADDR_FILE="$TMP/api-addr"
export OMP_THREAD_LIMIT=1 WORKER_OCR_THREADS="${WORKER_OCR_THREADS:-2}" RUST_LOG="${RUST_LOG:-info}"
mkdir -p "$OBJECT_STORE_DIR" "$WORK_DIR"

cleanup() {
  local status=$?
  set +e
  for pid in $API_PID $WORKER_PID; do kill -TERM "$pid" 2>/dev/null; done
  for pid in $API_PID $WORKER_PID; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  done
  if [ "$status" -ne 0 ] || [ "${BROWSER_TEST_LOG:-0}" = 1 ]; then
    for f in api worker; do
      [ -s "$TMP/$f.log" ] && { echo "---- last lines of the $f log ----" >&2; tail -n 40 "$TMP/$f.log" >&2; }
    done
  fi
  psql -q "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null 2>&1
  if command -v rabbitmqctl >/dev/null; then   # best effort: the queues are durable
    $SUDO rabbitmqctl delete_queue "$BATCH_QUEUE" >/dev/null 2>&1
    $SUDO rabbitmqctl delete_queue "$BATCH_QUEUE.dead" >/dev/null 2>&1
  fi
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "stack: database $DB, queue $BATCH_QUEUE"
db_roles
psql -q "$PG_ADMIN_URL" -c "CREATE DATABASE \"$DB\" OWNER \"$DB_OWNER_ROLE\"" >/dev/null
"$BIN_DIR/ingest-worker" migrate >"$TMP/migrate.log" 2>&1 || { cat "$TMP/migrate.log" >&2; exit 1; }

# A tiny scanned batch whose only pli has its numéro unique blacked out (seed 34 of the
# generator: 1 pli, cover unreadable, 3 pieces); its registry holds that number.
CORPUS="$TMP/corpus"
"$BIN_DIR/gen-corpus" --out "$CORPUS" --plis 1 --seed 34 >/dev/null
NUMERO="0751220123456DGALN"
cat >"$TMP/registry.csv" <<EOF
numero_unique,nom,prenom,date_naissance,etat,departement,guichet_code,date_depot,email
$NUMERO,DUPONT,Marie,1980-02-03,active,075,DGALN,2020-12-01,marie@example.org
EOF
"$BIN_DIR/registry" import "$TMP/registry.csv" >/dev/null
"$BIN_DIR/registry" import "$CORPUS/registry.csv" >/dev/null

PASSWORD="navigateur-Essai-2025!"
TERR="075,092,$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["plis"][0]["numero_unique"][:3])' "$CORPUS/truth.json")"
add_user() { echo "$PASSWORD" | "$BIN_DIR/api" users add --login "$1" --nom "$2" --profil "$3" --guichet DGALN --territoire "$TERR" >/dev/null; }
add_user simple "Camille Simple" consultant_simple
add_user sensible "Claude Sensible" consultant_sensible
add_user guichet "Gaëlle Guichet" guichet_enregistreur
add_user operateur "Olivier Opérateur" operateur
APPLICANT_CODE="$("$BIN_DIR/api" code-teledemandeur "$NUMERO" | tail -n1 | tr -d '[:space:]')"
OPERATOR_TOKEN="$("$BIN_DIR/api" tokens add --guichet DGALN --profil operateur --territoire "$TERR" --label browser-tests | tail -n1 | tr -d '[:space:]')"
GUICHET_TOKEN="$("$BIN_DIR/api" tokens add --guichet DGALN --profil guichet_enregistreur --territoire "$TERR" --label browser-tests | tail -n1 | tr -d '[:space:]')"
# cleared for sensible pieces: to follow the deposits the guichet token cannot read back
SUPERVISOR_TOKEN="$("$BIN_DIR/api" tokens add --guichet DGALN --profil gestionnaire_territorial --territoire "$TERR" --label browser-tests | tail -n1 | tr -d '[:space:]')"

"$BIN_DIR/api" >"$TMP/api.log" 2>&1 &
API_PID=$!
"$BIN_DIR/ingest-worker" run >"$TMP/worker.log" 2>&1 &
WORKER_PID=$!
for _ in $(seq 1 100); do [ -s "$API_ADDR_FILE" ] && break; kill -0 "$API_PID" 2>/dev/null || break; sleep 0.1; done
[ -s "$API_ADDR_FILE" ] || { echo "the api did not start" >&2; exit 1; }
BASE_URL="http://$(tr -d '[:space:]' <"$API_ADDR_FILE")"
for _ in $(seq 1 100); do curl -fsS "$BASE_URL/health" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS "$BASE_URL/health" >/dev/null || { echo "the api is not healthy" >&2; exit 1; }

SHOTS="$ROOT/target/browser-screenshots"
rm -rf "$SHOTS" && mkdir -p "$SHOTS"
log "browser tests against $BASE_URL (screenshots in target/browser-screenshots/)"
export BASE_URL NUMERO PASSWORD APPLICANT_CODE OPERATOR_TOKEN GUICHET_TOKEN SUPERVISOR_TOKEN WORKER_PID
export BATCH_FILE="$CORPUS/batch.pdf" TRUTH_FILE="$CORPUS/truth.json" SCREENSHOT_DIR="$SHOTS"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}" DOWNLOAD_DIR="$TMP/downloads"
(cd tests/browser && node --test --test-concurrency=1 --test-reporter=spec portals.test.mjs)
