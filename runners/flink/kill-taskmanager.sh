#!/usr/bin/env bash
# Kills TaskManager N (tm-N in the REST API) with SIGKILL: no shutdown hooks, no goodbye to the
# JobManager, the way a machine loss looks. The cluster's restart strategy decides what follows.
#
# usage: kill-taskmanager.sh N [--workdir=DIR]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

parse_common_args "$@"
[ "${#REST_ARGS[@]}" -eq 1 ] && [[ ${REST_ARGS[0]} =~ ^[0-9]+$ ]] || die "usage: kill-taskmanager.sh N [--workdir=DIR]"
name=taskmanager-${REST_ARGS[0]}
pid=$(pid_of "$name") || die "no $name recorded in $WORKDIR"
is_our_process "$pid" || die "$name (pid $pid) is not running"
kill -KILL "$pid"
mv "$PID_DIR/$name.pid" "$PID_DIR/$name.killed"
log "killed $name (pid $pid) with SIGKILL"
