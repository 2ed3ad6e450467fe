#!/usr/bin/env bash
# Benchmark: accuracy, speed against plain Tesseract, memory. Prints figures; asserts nothing
# but a wrong attachment (exit 1). Usage: scripts/bench.sh [PLIS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
source scripts/env.sh
PLIS=${1:-40}
SEED=${2:-2026}
B="$(pwd)/.run/bench"
rm -rf "$B"; mkdir -p "$B"
cargo build --release --bins --quiet

echo "== corpus: $PLIS plis, seed $SEED"
"$BIN_DIR/gen-corpus" --out "$B/corpus" --plis "$PLIS" --seed "$SEED" >/dev/null

echo "== pipeline (ingest-worker analyze, 2 OCR threads)"
start=$(date +%s.%N)
read -r rss_main rss_child rc < <(python3 scripts/peak_rss.py "$B/report.json" -- \
  "$BIN_DIR/ingest-worker" analyze "$B/corpus/batch.pdf" --registry "$B/corpus/registry.csv" --menage "$B/corpus/menage.csv" --threads 2)
end=$(date +%s.%N)
pages=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pages"])' "$B/report.json")
pipeline_s=$(python3 -c "print(round($end - $start, 2))")

echo "== plain tesseract CLI on the same page images (2 processes, fra)"
mkdir -p "$B/images"
pdfimages -all "$B/corpus/batch.pdf" "$B/images/p"
start=$(date +%s.%N)
find "$B/images" -type f | sort | xargs -P 2 -I{} sh -c 'tesseract "$1" - -l fra >/dev/null 2>&1' _ {}
end=$(date +%s.%N)
cli_s=$(python3 -c "print(round($end - $start, 2))")

echo "== cover read alone (1 engine, 1 thread, the batch's covers)"
cargo build --release -p ingest-worker --example cover_timing --quiet
mapfile -t covers < <(python3 - "$B/corpus/truth.json" "$B/images" <<'PY'
import json, os, sys
truth, images = json.load(open(sys.argv[1])), sorted(os.listdir(sys.argv[2]))
for p in truth["plis"]:
    if p["cover_page"]:
        print(os.path.join(sys.argv[2], images[p["cover_page"] - 1]))
PY
)
"$BIN_DIR/examples/cover_timing" --registry "$B/corpus/registry.csv" "${covers[@]}" \
  > "$B/covers.txt"
cover_alone=$(tail -1 "$B/covers.txt")

echo
python3 scripts/score.py "$B/report.json" "$B/corpus/truth.json" | tee "$B/score.txt" || wrong=1
python3 - "$pages" "$pipeline_s" "$cli_s" "$B/report.json" "$rss_main" "$rss_child" "$cover_alone" <<'PY'
import json, sys
pages, p, c = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
r = json.load(open(sys.argv[4]))
print(f"pipeline                    {pages / p:.2f} pages/s ({p} s for {pages} pages)")
print(f"plain tesseract CLI         {pages / c:.2f} pages/s ({c} s)")
print(f"ratio pipeline / CLI        {c / p:.2f}x")
print(f"cover read in the pipeline  mean {r['cover_read_ms_mean']} ms, max {r['cover_read_ms_max']} ms ({r['cover_pages']} covers, 2 OCR threads and the intake sharing 2 cores)")
print(f"{sys.argv[7]}")
import re
m = re.search(r"median (\d+) ms", sys.argv[7])
if m:
    # A plain tesseract page's time in one process: the machine's own yardstick.
    page_ms = c * 2 / pages * 1000
    print(f"cover read alone vs a page  median {int(m.group(1)) / page_ms * 100:.0f} % of one plain tesseract page ({page_ms:.0f} ms per page per process)")
print(f"peak RSS                    worker {sys.argv[5]} MB, intake child {sys.argv[6]} MB")
PY

if [ "${BENCH_MEMORY:-1}" = 1 ]; then
  echo
  echo "== memory: 20-page vs 500-page batch"
  for plis in 5 125; do
    "$BIN_DIR/gen-corpus" --out "$B/mem$plis" --plis $plis --seed 99 >/dev/null
    n=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pages"])' "$B/mem$plis/truth.json")
    read -r m c rc < <(python3 scripts/peak_rss.py /dev/null -- \
      "$BIN_DIR/ingest-worker" analyze "$B/mem$plis/batch.pdf" --registry "$B/mem$plis/registry.csv" --threads 2)
    echo "  $n pages: worker peak RSS $m MB (intake child $c MB)"
  done
fi
exit ${wrong:-0}
