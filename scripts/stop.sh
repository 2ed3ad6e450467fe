#!/usr/bin/env bash
# Stops the API and worker started by scripts/demo.sh (graceful: SIGTERM).
cd "$(dirname "$0")/.."
for name in api worker; do
  pid_file=".run/demo/$name.pid"
  [ -f "$pid_file" ] && kill "$(cat "$pid_file")" 2>/dev/null && echo "stopped $name"
  rm -f "$pid_file"
done
exit 0
