# Shared settings of the scripts (sourced). Every value can be overridden from the environment.
export OMP_THREAD_LIMIT=1   # Debian's Tesseract is ~6x slower on 2 cores without it
export PGPASSWORD="${PGPASSWORD:-postgres}"
export PG_ADMIN_URL="${PG_ADMIN_URL:-postgres://postgres:postgres@127.0.0.1:5432/postgres}"
export AMQP_URL="${AMQP_URL:-amqp://guest:guest@127.0.0.1:5672/%2f}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
BIN_DIR="$(pwd)/target/release"
export BIN_DIR

# The two PostgreSQL roles (README, "Database roles"): the owner runs `ingest-worker migrate`,
# the application role is what the API, the worker and the admin commands connect as.
export DB_OWNER_ROLE="${DB_OWNER_ROLE:-dossier_owner}" DB_OWNER_PASSWORD="${DB_OWNER_PASSWORD:-dossier_owner}"
export APP_DB_ROLE="${APP_DB_ROLE:-dossier_app}" APP_DB_PASSWORD="${APP_DB_PASSWORD:-dossier_app}"

# pg_url ROLE PASSWORD DATABASE: a URL of the server of PG_ADMIN_URL.
pg_url() {
  local server="${PG_ADMIN_URL#*://}"
  server="${server##*@}"
  echo "postgres://$1:$2@${server%%/*}/$3"
}

# db_roles: creates both roles when missing (they are cluster-wide), as PG_ADMIN_URL.
db_roles() {
  local role password
  for role in "$DB_OWNER_ROLE:$DB_OWNER_PASSWORD" "$APP_DB_ROLE:$APP_DB_PASSWORD"; do
    IFS=: read -r role password <<<"$role"
    psql -q "$PG_ADMIN_URL" -v ON_ERROR_STOP=1 -v role="$role" -v password="$password" >/dev/null <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'role', :'password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SQL
  done
}

# db_create NAME: creates database NAME owned by the owner role when missing; an existing one
# (e.g. from before the two roles) is handed over to it, with everything in its schema public.
db_create() {
  psql -q "$PG_ADMIN_URL" -v ON_ERROR_STOP=1 -v db="$1" -v owner="$DB_OWNER_ROLE" >/dev/null <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'owner')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'db', :'owner') \gexec
SQL
  psql -q "${PG_ADMIN_URL%/*}/$1" -v ON_ERROR_STOP=1 -v owner="$DB_OWNER_ROLE" >/dev/null <<'SQL'
SELECT format('ALTER TABLE public.%I OWNER TO %I', relname, :'owner') FROM pg_class
WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')
  AND relowner <> (SELECT oid FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('ALTER FUNCTION %s OWNER TO %I', oid::regprocedure, :'owner') FROM pg_proc
WHERE pronamespace = 'public'::regnamespace
  AND proowner <> (SELECT oid FROM pg_roles WHERE rolname = :'owner') \gexec
SQL
}
