# Shared settings of the scripts (sourced). Every value can be overridden from the environment.
export OMP_THREAD_LIMIT=1   # Debian's Tesseract is ~6x slower on 2 cores without it
export PGPASSWORD="${PGPASSWORD:-postgres}"
export PG_ADMIN_URL="${PG_ADMIN_URL:-postgres://postgres:postgres@127.0.0.1:5432/postgres}"
export AMQP_URL="${AMQP_URL:-amqp://guest:guest@127.0.0.1:5672/%2f}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
BIN_DIR="$(pwd)/target/release"
export BIN_DIR
