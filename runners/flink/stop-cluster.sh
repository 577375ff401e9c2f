#!/usr/bin/env bash
# Stops the cluster recorded in the work directory: TaskManagers first, then the JobManager, each
# by its recorded PID (SIGTERM, then SIGKILL after a grace period). A PID whose process is not this
# work directory's Flink JVM is left alone. Safe to run twice, or when nothing is running.
# Removes the cluster's scratch (tmp/, blobs/) and keeps its logs.
#
# usage: stop-cluster.sh [--workdir=DIR] [--grace=SECONDS]   (default grace 15 s)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

parse_common_args "$@"
grace=15
for a in "${REST_ARGS[@]}"; do
  case $a in
    --grace=*) grace=${a#*=} ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) die "unknown option $a" ;;
  esac
done
[ -d "$PID_DIR" ] || { log "nothing to stop in $WORKDIR"; exit 0; }

stop() {
  local name=$1 pid
  pid=$(pid_of "$name") || return 0
  if is_our_process "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    local t=0
    while is_our_process "$pid" && [ "$t" -lt $((grace * 10)) ]; do sleep 0.1; t=$((t + 1)); done
    if is_our_process "$pid"; then
      log "$name (pid $pid) ignored SIGTERM for ${grace} s; killing"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    log "stopped $name (pid $pid)"
  fi
  rm -f "$PID_DIR/$name.pid"
}

for f in "$PID_DIR"/taskmanager-*.pid; do
  [ -e "$f" ] && stop "$(basename "$f" .pid)"
done
stop jobmanager
rm -f "$WORKDIR/cluster.env"
# Scratch of the stopped processes (staged job jars, spill files); a killed TaskManager never
# cleans its own. Logs stay.
rm -rf "$WORKDIR/tmp" "$WORKDIR/blobs"
