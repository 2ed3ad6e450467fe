#!/usr/bin/env bash
# Installs and starts what the platform needs on a fresh Debian machine, and only what is
# missing: Tesseract with the French and orientation data, the build libraries, PostgreSQL and
# RabbitMQ (started if not running), the PDF checkers used by the tests, chromium and Node.js
# for the browser tests, and — with
# WITH_S3=1 — the s3s-fs S3 server (cargo install, about 2 minutes the first time).
# Idempotent: run it as often as you like.
set -euo pipefail

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

packages=(pkg-config libtesseract-dev libleptonica-dev libclang-dev clang
          tesseract-ocr tesseract-ocr-fra tesseract-ocr-osd
          qpdf poppler-utils fonts-dejavu-core time curl ca-certificates postgresql-client
          python3-aiosmtpd
          chromium)   # chromium: the browser tests (scripts/browser-tests.sh)
# Node.js for the browser tests' playwright-core, unless the machine already has one (a node
# from another source, e.g. NodeSource, must not be replaced by Debian's older one).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then packages+=(nodejs npm); fi

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if ! port_open 5432 && ! command -v pg_ctlcluster >/dev/null; then packages+=(postgresql); fi
if ! port_open 5672 && ! command -v rabbitmq-server >/dev/null; then packages+=(rabbitmq-server); fi
# The fault tests (tests/tests/e2e/faults.rs) start a PostgreSQL and a RabbitMQ node of their own,
# from Debian's server binaries, even when the machine's services run from elsewhere.
if [ "${WITH_S3:-0}" = 1 ]; then
  compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || packages+=(postgresql)
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || packages+=(rabbitmq-server)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! port_open 5432; then
  log "starting PostgreSQL"
  version=$(ls /etc/postgresql | sort -V | tail -n1)
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 30); do port_open 5432 && break; sleep 1; done
fi
# A fresh cluster refuses password-less TCP logins: give the postgres role the password the
# scripts use (ignored where the cluster trusts local connections).
if command -v runuser >/dev/null && id postgres >/dev/null 2>&1; then
  $SUDO runuser -u postgres -- psql -q -c "ALTER USER postgres PASSWORD 'postgres'" >/dev/null 2>&1 || true
fi

if ! port_open 5672; then
  log "starting RabbitMQ"
  $SUDO rabbitmq-server -detached >/dev/null 2>&1 || true
  $SUDO rabbitmqctl await_startup >/dev/null 2>&1 || true
  for _ in $(seq 1 60); do port_open 5672 && break; sleep 1; done
fi
port_open 5432 || { echo "PostgreSQL is not reachable on 127.0.0.1:5432" >&2; exit 1; }
port_open 5672 || { echo "RabbitMQ is not reachable on 127.0.0.1:5672" >&2; exit 1; }

if [ "${WITH_S3:-0}" = 1 ] && ! command -v s3s-fs >/dev/null; then
  log "installing the s3s-fs S3 server (cargo install, ~2 min)"
  cargo install s3s-fs@0.14.1 --features binary --locked --quiet
fi
log "system ready"
