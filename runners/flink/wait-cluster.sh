#!/usr/bin/env bash
# Waits until the cluster's REST API answers and the expected number of TaskManagers has
# registered (GET /overview). Fails early, with the log tail, if the JobManager process died.
#
# usage: wait-cluster.sh [--workdir=DIR] [--taskmanagers=N] [--timeout=SECONDS]
#   defaults: the TaskManager count start-cluster.sh recorded, 120 s.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

parse_common_args "$@"
load_cluster_env
want=$TASKMANAGERS timeout=120
for a in "${REST_ARGS[@]}"; do
  case $a in
    --taskmanagers=*) want=${a#*=} ;;
    --timeout=*) timeout=${a#*=} ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) die "unknown option $a" ;;
  esac
done

start=$SECONDS
while :; do
  is_our_process "$(pid_of jobmanager)" || {
    tail -n 30 "$LOG_DIR/jobmanager.out" "$LOG_DIR/jobmanager.log" >&2 2>/dev/null || true
    die "the JobManager is not running"
  }
  have=$(rest_get /overview 'j["taskmanagers"]' || true)
  if [ -n "$have" ] && [ "$have" -ge "$want" ]; then
    log "cluster ready after $((SECONDS - start)) s: $have TaskManager(s), $(rest_get /overview 'j["slots-total"]') slots, http://127.0.0.1:$PORT"
    exit 0
  fi
  [ $((SECONDS - start)) -lt "$timeout" ] || die "timed out after ${timeout} s with ${have:-no REST answer} of $want TaskManager(s); logs in $LOG_DIR"
  sleep 1
done
