#!/usr/bin/env bash
# Runs each cargo fuzz target of fuzz/ for SECONDS (default 20): numero_unique, registry_csv,
# file_intake (README, "Fuzzing"). Installs cargo-fuzz when missing, writes a seed corpus per
# target (fuzz/seeds.py) into fuzz/corpus/, which keeps what the runs find. Fails, naming the
# input saved in fuzz/artifacts/, when a target panics, hangs or runs out of memory.
#   scripts/fuzz.sh [SECONDS]
# Built without a sanitizer by default: the code under test is safe Rust, and the build with
# AddressSanitizer does not fit the test suite's time; FUZZ_SANITIZER=address for a long run.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-20}"
sanitizer="${FUZZ_SANITIZER:-none}"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Only a stable toolchain here: cargo fuzz passes nightly flags (-Z…), which stable rustc
# accepts with RUSTC_BOOTSTRAP=1.
export RUSTC_BOOTSTRAP=1
# The instrumented build stays in fuzz/target, apart from the workspace's.
unset CARGO_TARGET_DIR
if ! cargo fuzz --version >/dev/null 2>&1; then
  log "installing cargo-fuzz (cargo install, ~1 min)"
  cargo install cargo-fuzz --locked --quiet
fi

log "building the fuzz targets (fuzz/target, sanitizer: $sanitizer)"
CARGO_TERM_QUIET=true cargo fuzz build --sanitizer "$sanitizer"

python3 seeds.py corpus
# The file intake target writes its input to a scratch file in TMPDIR.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# Per-target limits: the file intake gets the batch reader's memory limit (2 GiB) and inputs up
# to 64 KiB; -timeout flags any single input taking over 10 s.
declare -A max_len=([numero_unique]=256 [registry_csv]=4096 [file_intake]=65536)
status=0
for target in numero_unique registry_csv file_intake; do
  run_log="$(mktemp)"
  options=(-max_total_time="$seconds" -max_len="${max_len[$target]}" -rss_limit_mb=2048
           -timeout=10 -print_final_stats=1)
  if TMPDIR="$scratch" RUST_BACKTRACE="${RUST_BACKTRACE:-1}" CARGO_TERM_QUIET=true \
       cargo fuzz run --sanitizer "$sanitizer" "$target" "$PWD/corpus/$target" -- "${options[@]}" \
       >"$run_log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$run_log")
    echo "fuzz $target: ${runs:-?} inputs in ${seconds} s, no crash"
  else
    status=1
    # What went wrong (the panic and its backtrace, a timeout, memory) and the saved input.
    grep -E -m1 -A30 "panicked at|ERROR: (libFuzzer|AddressSanitizer)|^ALARM" "$run_log" >&2 ||
      tail -n 40 "$run_log" >&2
    artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$run_log" | tail -n1)
    echo "fuzz $target: FAILED, input saved in ${artifact:-(none: see above)}" >&2
    [ -z "$artifact" ] || echo "  replay: (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run" \
      "--sanitizer $sanitizer $target ${artifact#"$PWD/"})" >&2
  fi
  rm -f "$run_log"
done
exit "$status"
