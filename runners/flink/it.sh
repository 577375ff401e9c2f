#!/usr/bin/env bash
# Integration test of a job on a real Flink cluster surviving the loss of a TaskManager:
#   1. generate input (big enough that the cluster run lasts well over 20 s) and run the job on the
#      DirectRunner for the reference output;
#   2. start a loopback cluster with two TaskManagers;
#   3. submit the job, and once its tasks are running, kill -9 a TaskManager that runs some of them;
#   4. check that the job restarted, finished, and wrote output byte-identical to the reference;
#   5. stop the cluster, always (trap EXIT), whatever happened before.
#
# usage: it.sh [--job=smoke] [--megabytes=256] [--kill-after=SECONDS] [--workdir=DIR]
#              [--port=P] [--rpc-port=P] [--keep-work]
#   --job         a profile in it-jobs/ (what to build, generate and run); default smoke
#                 (build: logdex build on the shared disk; build-s3: into S3Mock, no shared volume)
#   --kill-after  seconds between the first running task and the kill; default 5
#   --workdir     default /tmp/logdex-it-$USER; input and outputs are deleted at the end unless
#                 --keep-work
#   --port, --rpc-port  default 8081 and 6123, or the next free ones above
# Prints what it observed (startup, restart, job times) and exits 0 only if every check passed.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

job=smoke megabytes=256 kill_after=5 keep=false
IT_WORK=${TMPDIR:-/tmp}/logdex-it-$(id -un)
port=8081 rpc_port=6123
for a in "$@"; do
  case $a in
    --job=*) job=${a#*=} ;;
    --megabytes=*) megabytes=${a#*=} ;;
    --kill-after=*) kill_after=${a#*=} ;;
    --workdir=*) IT_WORK=${a#*=} ;;
    --port=*) port=${a#*=} ;;
    --rpc-port=*) rpc_port=${a#*=} ;;
    --keep-work) keep=true ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) die "unknown option $a" ;;
  esac
done
profile=$FLINK_HOME_DIR/it-jobs/$job.sh
[ -f "$profile" ] || die "no job profile $profile"
mkdir -p "$IT_WORK"
IT_WORK=$(cd "$IT_WORK" && pwd)
# shellcheck disable=SC1090
. "$profile"

cluster_dir=$IT_WORK/cluster
input=$IT_WORK/input
out_ref=$IT_WORK/out-direct
out_flink=$IT_WORK/out-flink
client_pid=""
failures=0

cleanup() {
  local rc=$?
  if [ -n "$client_pid" ] && kill -0 "$client_pid" 2>/dev/null; then
    kill -TERM "$client_pid" 2>/dev/null || true
    wait "$client_pid" 2>/dev/null || true
  fi
  "$FLINK_HOME_DIR/stop-cluster.sh" --workdir="$cluster_dir" || rc=1
  if declare -F job_cleanup >/dev/null; then job_cleanup || rc=1; fi
  if [ "$keep" = false ]; then rm -rf "$input" "$out_ref" "$out_flink"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

check() {
  if eval "$2"; then echo "PASS $1"; else echo "FAIL $1"; failures=$((failures + 1)); fi
}

free_port() {
  local p=$1
  while port_in_use "$p"; do p=$((p + 1)); done
  echo "$p"
}

# --- 1. input and the DirectRunner reference ------------------------------------------------------
JAR=$(job_jar)
rm -rf "$input" "$out_ref" "$out_flink"
mkdir -p "$input"
t=$SECONDS
job_generate "$input" "$megabytes"
log "generated $(du -sh "$input" | cut -f1) of input in $((SECONDS - t)) s"
# A profile may define job_setup IN (a service the job needs, started before the reference run)
# and job_cleanup (called from the EXIT trap).
if declare -F job_setup >/dev/null; then job_setup "$input"; fi

CP=$(WORKDIR=$cluster_dir; mkdir -p "$WORKDIR"; flink_classpath)
job_args "$input" "$out_ref"
log "reference run on the DirectRunner"
t=$SECONDS
java -Xmx2g -cp "$CP:$JAR" "$JOB_MAIN" "${JOB_ARGS[@]}" --runner=DirectRunner --targetParallelism=2 \
  --enforceImmutability=false --enforceEncodability=false >"$IT_WORK/direct.log" 2>&1 \
  || { tail -n 40 "$IT_WORK/direct.log" >&2; die "the DirectRunner reference run failed"; }
direct_s=$((SECONDS - t))
log "reference done in $direct_s s"

# --- 2. the cluster -------------------------------------------------------------------------------
port=$(free_port "$port")
rpc_port=$(free_port "$rpc_port")
t=$SECONDS
"$FLINK_HOME_DIR/start-cluster.sh" --workdir="$cluster_dir" --port="$port" --rpc-port="$rpc_port" --taskmanagers=2
"$FLINK_HOME_DIR/wait-cluster.sh" --workdir="$cluster_dir" --taskmanagers=2 --timeout=120
startup_s=$((SECONDS - t))
WORKDIR=$cluster_dir CONF_DIR=$cluster_dir/conf REST_URL=http://127.0.0.1:$port

# --- 3. submit, then kill a TaskManager that runs part of the job ---------------------------------
job_name=logdex-it-$job-$(date +%s)
job_args "$input" "$out_flink"
t_submit=$SECONDS
"$FLINK_HOME_DIR/submit.sh" --workdir="$cluster_dir" --jar="$JAR" --main="$JOB_MAIN" -- \
  "${JOB_ARGS[@]}" --jobName="$job_name" --parallelism=2 >"$IT_WORK/client.out" 2>&1 & # 2: fits the survivor's slots
client_pid=$!

jid=""
victim=""
t_running=""
while kill -0 "$client_pid" 2>/dev/null; do
  if [ -z "$jid" ]; then
    jid=$(rest_get /jobs/overview "[x['jid'] for x in j['jobs'] if x['name'] == '$job_name']" || true)
  fi
  if [ -n "$jid" ]; then
    # The TaskManager running the most subtasks of the job right now.
    running=$(rest_get "/jobs/$jid" "j['state']" || true)
    if [ "$running" = RUNNING ]; then
      victim=$(python3 - "$REST_URL" "$jid" <<'PY' || true
import json, sys, urllib.request, collections
base, jid = sys.argv[1], sys.argv[2]
get = lambda p: json.load(urllib.request.urlopen(base + p, timeout=5))
n = collections.Counter()
for v in get("/jobs/" + jid)["vertices"]:
    for tm in get("/jobs/%s/vertices/%s/taskmanagers" % (jid, v["id"]))["taskmanagers"]:
        n[tm["taskmanager-id"]] += tm["status-counts"].get("RUNNING", 0)
busy = sorted((c, t) for t, c in n.items() if c > 0)
print(busy[-1][1] if busy else "")
PY
)
      if [ -n "$victim" ] && [ -z "$t_running" ]; then
        t_running=$SECONDS
        log "job $jid running after $((t_running - t_submit)) s; killing a TaskManager in ${kill_after} s"
      fi
      if [ -n "$t_running" ] && [ $((SECONDS - t_running)) -ge "$kill_after" ] && [ -n "$victim" ]; then
        break
      fi
    fi
  fi
  sleep 0.5
done
kill -0 "$client_pid" 2>/dev/null || die "the job ended before a TaskManager could be killed (bigger --megabytes?); see $IT_WORK/client.out"
[ -n "$victim" ] || die "found no TaskManager running the job"
kill_ms=$(date +%s%3N)
"$FLINK_HOME_DIR/kill-taskmanager.sh" "${victim#tm-}" --workdir="$cluster_dir"
t_kill=$SECONDS

# --- 4. the job must finish after a restart, with the reference's bytes ---------------------------
client_rc=0
wait "$client_pid" || client_rc=$?
client_pid=""
t_done=$SECONDS
log "client exited with $client_rc, $((t_done - t_kill)) s after the kill"

# The REST API serves a job's details from a cache that lives a few seconds (web.refresh-interval):
# the launcher's progress poller read it while the job ran, so right after the client exits it may
# still say RUNNING. Wait for a terminal state, as a person refreshing the page would.
for _ in $(seq 1 30); do
  state=$(rest_get "/jobs/$jid" "j['state']" || echo unknown)
  case $state in FINISHED|FAILED|CANCELED) break ;; esac
  sleep 0.5
done
restarting_ms=$(rest_get "/jobs/$jid" "j['timestamps']['RESTARTING']" || echo 0)
running_ms=$(rest_get "/jobs/$jid" "j['timestamps']['RUNNING']" || echo 0)
finished_ms=$(rest_get "/jobs/$jid" "j['timestamps']['FINISHED']" || echo 0)
created_ms=$(rest_get "/jobs/$jid" "j['timestamps']['INITIALIZING']" || echo 0)
failures_seen=$(rest_get "/jobs/$jid/exceptions" "len(j['exceptionHistory']['entries'])" || echo 0)
first_failure=$(rest_get "/jobs/$jid/exceptions" \
  "(lambda e: e[0]['stacktrace'].splitlines()[0][:200] if e else '-')(j['exceptionHistory']['entries'])" || echo -)

check "client exited 0" '[ "$client_rc" -eq 0 ]'
check "job $jid FINISHED (is $state)" '[ "$state" = FINISHED ]'
check "job restarted after the kill" '[ "$restarting_ms" -ge "$kill_ms" ]'
check "failure recorded in the exception history ($failures_seen)" '[ "$failures_seen" -ge 1 ]'
# A profile may define job_compare REF OUT (e.g. to leave out run-specific files); default diff -r.
compare_outputs() {
  if declare -F job_compare >/dev/null; then job_compare "$1" "$2"; else diff -r "$1" "$2"; fi
}
check "output identical to the DirectRunner's" 'compare_outputs "$out_ref" "$out_flink" >"$IT_WORK/diff.txt" 2>&1'
check "output not empty" '[ -n "$(find "$out_ref" -type f -size +0 -print -quit)" ]'

cat <<EOF
---- it.sh $job: observed
input                 $megabytes MB ($(find "$input" -type f | wc -l) file(s))
DirectRunner          $direct_s s
cluster startup       $startup_s s (start-cluster + wait-cluster, 2 TaskManagers)
submit to running     $((t_running - t_submit)) s (includes staging the $(du -m "$JAR" | cut -f1) MB job jar)
killed                $victim, $((t_kill - t_running)) s after its first running task
kill to RESTARTING    $(( (restarting_ms - kill_ms) )) ms
RESTARTING to RUNNING $(( (running_ms - restarting_ms) )) ms
job (Flink)           $(( (finished_ms - created_ms) / 1000 )) s from INITIALIZING to FINISHED
first failure         $first_failure
client total          $((t_done - t_submit)) s
logs                  $cluster_dir/log, $IT_WORK/client.out, $IT_WORK/direct.log
EOF
job_s=$(( (finished_ms - created_ms) / 1000 ))
[ "$job_s" -ge 20 ] || echo "WARNING: the job took only $job_s s; kill timing is tighter than intended (raise --megabytes)"
echo "flink-it: $((6 - failures)) passed, $failures failed"
[ "$failures" -eq 0 ] || die "$failures check(s) failed"
echo "it.sh $job: all checks passed"
