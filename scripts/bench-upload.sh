#!/usr/bin/env bash
# Benchmark of issue "phone photos": 12-megapixel photos deposited one at a time through the
# real API and worker, upload → piece ready. Prints median / p90 time, stored size and the
# worker's memory. BENCH_PHOTOS=N (default 12, at most 39) sets the number of photos.
set -euo pipefail
cd "$(dirname "$0")/.."
exec scripts/test.sh benchmark_phone_photo_upload_to_ready --ignored
