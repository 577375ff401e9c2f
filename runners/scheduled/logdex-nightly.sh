#!/usr/bin/env bash
# Nightly `logdex build` into a fresh directory, swapped in only when the build succeeded.
#
#   INDEX_ROOT/
#     current  -> builds/20260101T023000.123Z (what readers open; replaced by one rename(2))
#     previous -> builds/20251231T023000.456Z (the one before, for a quick manual rollback)
#     builds/<UTC stamp>/                    (successful builds; the newest KEEP_BUILDS are kept)
#     failed/<UTC stamp>/                    (failed attempts, kept for a look; newest 3 kept)
#     .lock                                  (flock: one run at a time)
#
# A failed or interrupted run never touches `current` nor any successful build, so readers keep
# the last good index. `logdex build` commits its own output atomically; this wrapper adds the
# "which index is live" switch on top.
#
# usage: logdex-nightly.sh --env=FILE        (shell assignments; see logdex-nightly.env)
# exit:  0 built and swapped in; 1 the build failed (current unchanged); 75 another run holds the
#        lock (nothing done); 2 bad configuration.
set -euo pipefail

env_file=""
for a in "$@"; do
  case $a in
    --env=*) env_file=${a#*=} ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "logdex-nightly: unknown option $a" >&2; exit 2 ;;
  esac
done
if [ -n "$env_file" ]; then
  # shellcheck disable=SC1090
  . "$env_file"
fi

log() { echo "$(date -u +%FT%TZ) logdex-nightly: $*"; }
fail_config() { log "configuration: $*" >&2; exit 2; }

: "${INDEX_ROOT:?INDEX_ROOT is not set}"
: "${JOB_JAR:?JOB_JAR is not set}"
: "${BUILD_ARGS:?BUILD_ARGS is not set}"
: "${FLINK_CLASSPATH_FILE:?FLINK_CLASSPATH_FILE is not set}"
JOB_MAIN=${JOB_MAIN:-io.logdex.cli.Main}
FLINK_MASTER=${FLINK_MASTER:-}
KEEP_BUILDS=${KEEP_BUILDS:-3}
LOCK_FILE=${LOCK_FILE:-$INDEX_ROOT/.lock}
[ -s "$JOB_JAR" ] || fail_config "no job jar at $JOB_JAR"
[[ $KEEP_BUILDS =~ ^[1-9][0-9]*$ ]] || fail_config "KEEP_BUILDS must be a positive number"

mkdir -p "$INDEX_ROOT/builds" "$INDEX_ROOT/failed"
exec 9>>"$LOCK_FILE"
if ! flock -n 9; then
  log "another run holds $LOCK_FILE; not starting"
  exit 75
fi

# The Flink client classes and the slf4j/log4j backend: the job jar carries neither (a cluster
# provides them), so even a DirectRunner run needs this classpath.
[ -s "$FLINK_CLASSPATH_FILE" ] || fail_config "no Flink classpath file at $FLINK_CLASSPATH_FILE"
cp=$(cat "$FLINK_CLASSPATH_FILE"):$JOB_JAR

runner=()
case $FLINK_MASTER in
  "") ;; # the job's default runner (DirectRunner)
  "[local]") runner=(--runner=FlinkRunner "--flinkMaster=[local]") ;;
  *) runner=(--runner=FlinkRunner "--flinkMaster=$FLINK_MASTER" "--filesToStage=$JOB_JAR") ;;
esac

# BUILD_ARGS is split on whitespace with globbing off: its globs are for the job to expand.
set -f
read -r -a args <<<"$BUILD_ARGS"
set +f

# Millisecond stamps: unique even for two runs in one second, and they sort by time.
stamp=$(date -u +%Y%m%dT%H%M%S.%3NZ)
attempt=$INDEX_ROOT/builds/.$stamp.partial
rm -rf "$attempt"

# A run killed mid-build (timeout, reboot) leaves its partial directory under failed/, never in
# builds/, so a half-written index can not become current.
on_exit() {
  local rc=$?
  if [ -e "$attempt" ]; then
    mv "$attempt" "$INDEX_ROOT/failed/$stamp"
    log "kept the failed attempt in $INDEX_ROOT/failed/$stamp"
  fi
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

log "build $stamp starting: $JOB_MAIN ${args[*]} --output=$attempt ${runner[*]}"
t0=$SECONDS
# shellcheck disable=SC2086
if ! java ${JAVA_OPTS:-} -cp "$cp" "$JOB_MAIN" "${args[@]}" "--output=$attempt" "${runner[@]+"${runner[@]}"}"; then
  log "build $stamp FAILED after $((SECONDS - t0)) s; current index unchanged: $(readlink "$INDEX_ROOT/current" || echo none)"
  exit 1
fi
if [ ! -d "$attempt" ] || [ -z "$(ls -A "$attempt")" ]; then
  log "build $stamp exited 0 but wrote nothing to $attempt; current index unchanged"
  exit 1
fi

mv "$attempt" "$INDEX_ROOT/builds/$stamp"
old=$(readlink "$INDEX_ROOT/current" || true)
# rename(2) over the old link: a reader sees either the old index or the new one, never neither.
ln -sfn "builds/$stamp" "$INDEX_ROOT/.current.new"
mv -T "$INDEX_ROOT/.current.new" "$INDEX_ROOT/current"
if [ -n "$old" ]; then
  ln -sfn "$old" "$INDEX_ROOT/.previous.new"
  mv -T "$INDEX_ROOT/.previous.new" "$INDEX_ROOT/previous"
fi
log "build $stamp done in $((SECONDS - t0)) s; current -> builds/$stamp (was ${old:-none})"

# Prune oldest first, never what current or previous point to.
live=("$INDEX_ROOT/builds/$stamp" "$INDEX_ROOT/${old:-none}")
prune() {
  local dir=$1 keep=$2 n=0 d
  for d in $(ls -1r "$dir"); do
    n=$((n + 1))
    [ "$n" -le "$keep" ] && continue
    [ "$dir/$d" = "${live[0]}" ] || [ "$dir/$d" = "${live[1]}" ] && continue
    rm -rf "${dir:?}/$d"
    log "pruned $dir/$d"
  done
}
prune "$INDEX_ROOT/builds" "$KEEP_BUILDS"
prune "$INDEX_ROOT/failed" 3
