#!/usr/bin/env bash
# Soak run of the fault tests (not part of the test command): the worker killed 50 times during
# an ingest of 1,000 uploaded pieces and 6 generated batches, then the broker restarts and the
# PostgreSQL and S3 outages. Prints the Jepsen-style counts (lost, duplicated, unexpected).
# Sizes can be changed: FAULT_KILLS, FAULT_UPLOADS, FAULT_BATCHES, FAULT_SEED (replays a run).
set -euo pipefail
cd "$(dirname "$0")/.."
export FAULT_KILLS="${FAULT_KILLS:-50}" FAULT_UPLOADS="${FAULT_UPLOADS:-1000}" FAULT_BATCHES="${FAULT_BATCHES:-6}"
exec scripts/test.sh faults::
