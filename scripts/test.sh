#!/usr/bin/env bash
# Command (2): the whole test suite against real PostgreSQL, RabbitMQ, an S3 server (s3s-fs)
# and Tesseract. Installs and starts what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
WITH_S3=1 scripts/setup.sh
source scripts/env.sh

echo "==> building (release)"
cargo build --release --bins --quiet

S3_DIR="$(mktemp -d)"
mkdir -p "$S3_DIR/pieces"
S3_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
s3s-fs --host 127.0.0.1 --port "$S3_PORT" --access-key testkey --secret-key testsecret "$S3_DIR" >"$S3_DIR.log" 2>&1 &
S3_PID=$!
trap 'kill $S3_PID 2>/dev/null; rm -rf "$S3_DIR" "$S3_DIR.log"' EXIT
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$S3_PORT") 2>/dev/null && break; sleep 0.1; done

# A real SMTP server (aiosmtpd, Debian's package) storing what it receives in a Maildir.
MAIL_DIR="$(mktemp -d)"
SMTP_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$MAIL_DIR/maildir" >"$MAIL_DIR.log" 2>&1 &
SMTP_PID=$!
trap 'kill $S3_PID $SMTP_PID 2>/dev/null; rm -rf "$S3_DIR" "$S3_DIR.log" "$MAIL_DIR" "$MAIL_DIR.log"' EXIT
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$SMTP_PORT") 2>/dev/null && break; sleep 0.1; done
export TEST_SMTP_PORT="$SMTP_PORT" TEST_MAIL_DIR="$MAIL_DIR/maildir"

export TEST_S3_ENDPOINT="http://127.0.0.1:$S3_PORT" TEST_S3_BUCKET=pieces
export TEST_S3_ACCESS_KEY=testkey TEST_S3_SECRET_KEY=testsecret
export TEST_PG_ADMIN_URL="$PG_ADMIN_URL" TEST_AMQP_URL="$AMQP_URL" TEST_BIN_DIR="$BIN_DIR"

echo "==> tests"
OUT="$(mktemp)"
status=0
cargo test --release --workspace --quiet -- --test-threads "${TEST_THREADS:-2}" "$@" 2>&1 | tee "$OUT" || status=$?
if [ $# -eq 0 ]; then
  echo "==> browser tests (chromium, playwright-core)"
  # Counted in the closing line like a test binary.
  if scripts/browser-tests.sh; then echo "test result: ok. 1 passed; 0 failed" >>"$OUT"
  else status=1; echo "test result: FAILED. 0 passed; 1 failed" >>"$OUT"; fi
  echo "==> fuzzing (cargo fuzz, 20 s a target)"
  if scripts/fuzz.sh 20; then echo "test result: ok. 1 passed; 0 failed" >>"$OUT"
  else status=1; echo "test result: FAILED. 0 passed; 1 failed" >>"$OUT"; fi
fi
# One closing line for the whole suite (cargo prints one per test binary).
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
     END { printf "tests: %d passed, %d failed\n", p, f }' "$OUT"
rm -f "$OUT"
exit "$status"
