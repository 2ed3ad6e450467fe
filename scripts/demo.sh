#!/usr/bin/env bash
# Command (1): install what is missing, build, start the stack (API + worker, local-directory
# object store), import a sample registry, ingest a generated sample batch and say where to look.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh

RUN="$(pwd)/.run/demo"
mkdir -p "$RUN"
# Two roles: the owner migrates, the API, the worker and the admin commands connect as the
# application role (INSERT and SELECT on the journal, nothing more).
DB_NAME="${DB_NAME:-dossier_unique}"
export MIGRATE_DATABASE_URL="${MIGRATE_DATABASE_URL:-$(pg_url "$DB_OWNER_ROLE" "$DB_OWNER_PASSWORD" "$DB_NAME")}"
export DATABASE_URL="${DATABASE_URL:-$(pg_url "$APP_DB_ROLE" "$APP_DB_PASSWORD" "$DB_NAME")}"
export OBJECT_STORE="${OBJECT_STORE:-local}"
export OBJECT_STORE_DIR="${OBJECT_STORE_DIR:-$RUN/objects}"
export API_ADDR="${API_ADDR:-127.0.0.1:8080}"
export WORK_DIR="$RUN/tmp"
mkdir -p "$WORK_DIR"

echo "==> building (release)"
cargo build --release --bins --quiet

db_roles
db_create "$DB_NAME"
"$BIN_DIR/ingest-worker" migrate

scripts/stop.sh >/dev/null 2>&1 || true
echo "==> starting the API on $API_ADDR and the worker (logs in $RUN)"
nohup "$BIN_DIR/api" >"$RUN/api.log" 2>&1 & echo $! >"$RUN/api.pid"
nohup "$BIN_DIR/ingest-worker" run >"$RUN/worker.log" 2>&1 & echo $! >"$RUN/worker.pid"
for _ in $(seq 1 50); do curl -fsS "http://$API_ADDR/health" >/dev/null 2>&1 && break; sleep 0.2; done

echo "==> generating a sample batch and its registry"
"$BIN_DIR/gen-corpus" --out "$RUN/sample" --plis "${DEMO_PLIS:-6}" --seed "${DEMO_SEED:-7}"
"$BIN_DIR/registry" import "$RUN/sample/registry.csv" --menage "$RUN/sample/menage.csv"

echo "==> demo accounts (password: ${DEMO_PASSWORD:=demonstration-dossier})"
for spec in "operateur:operateur:NUMER" "guichet:guichet_enregistreur:DGALN" "consultant:consultant_simple:DGALN" \
            "sensible:consultant_sensible:DGALN" "gestionnaire:gestionnaire_territorial:DGALN"; do
  IFS=: read -r login profil guichet <<<"$spec"
  USER_PASSWORD="$DEMO_PASSWORD" "$BIN_DIR/api" users add --login "$login" --nom "Compte $login" --profil "$profil" \
    --guichet "$guichet" --territoire "$(cut -d, -f6 "$RUN/sample/registry.csv" | tail -n +2 | sort -u | paste -sd,)" >/dev/null
done
TOKEN=$("$BIN_DIR/api" tokens add --guichet NUMER --profil operateur --label demo \
  --territoire "$(cut -d, -f6 "$RUN/sample/registry.csv" | tail -n +2 | sort -u | paste -sd,)" 2>/dev/null)
first=$(awk -F, 'NR > 1 && $5 == "active" { print; exit }' "$RUN/sample/registry.csv")
IFS=, read -r APPLICANT _ _ BIRTH _ <<<"$first"
CODE=$("$BIN_DIR/api" code-teledemandeur "$APPLICANT")

echo "==> submitting the batch"
reply=$(curl -fsS -H "Authorization: Bearer $TOKEN" --data-binary @"$RUN/sample/batch.pdf" "http://$API_ADDR/batches?filename=exemple.pdf")
id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' <<<"$reply")
while :; do
  status=$(curl -fsS -H "Authorization: Bearer $TOKEN" "http://$API_ADDR/batches/$id")
  line=$(python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["status"], s["pages_done"], s["pages_total"] or "?", len(s["plis"]))' <<<"$status")
  set -- $line
  printf '\r    %s: %s/%s pages, %s plis   ' "$1" "$2" "$3" "$4"
  [ "$1" = done ] || [ "$1" = failed ] && break
  sleep 1
done
echo
python3 - "$status" <<'PY'
import json, sys
s = json.loads(sys.argv[1])
if s.get("error"): print("    erreur:", s["error"])
for p in s["plis"]:
    print(f'    pli pages {p["first_page"]}-{p["last_page"]}: {p["outcome"]:<17} {p["numero_unique"] or "-":<19} {p["reason"]}')
    for q in p["pieces"]:
        print(f'        pièce pages {q["first_page"]}-{q["last_page"]}: {q["type"] or "?":<8} ({q["confidence"]:.2f}) {q["status"]:<10} {q["object_key"]}')
PY
cat <<MSG

Where to look:
  the portals:         http://$API_ADDR/
    operators (lots, file de revue): login operateur
    guichets (consultation):         logins guichet, consultant, sensible, gestionnaire
    (all with the password $DEMO_PASSWORD)
    applicant:           numéro unique $APPLICANT, born $BIRTH, code télédemandeur $CODE
  batch status (JSON): curl -H "Authorization: Bearer $TOKEN" http://$API_ADDR/batches/$id
  OpenAPI document:    http://$API_ADDR/api/openapi.json
  piece PDFs:          $OBJECT_STORE_DIR/pieces/
  the journal:         psql $DATABASE_URL -c 'SELECT at, demande, event, type_code, actor FROM journal ORDER BY id'
  logs:                $RUN/api.log, $RUN/worker.log
  the stack keeps running; stop it with scripts/stop.sh
MSG
