#!/usr/bin/env bash
# End-to-end `logdex build` of one input on three runners, in one run: the DirectRunner, Flink
# embedded in the client JVM ([local], parallelism 2), and the loopback Flink 1.19 cluster of
# runners/flink (2 TaskManagers, the job jar staged). For each: wall time, input MB/s, CPU time
# and peak RSS (wall includes JVM start, planning and commit; the manifest's pipeline seconds are
# shown too); then a byte-for-byte comparison of the three outputs (all files but the top-level
# manifest.json, which records run-specific facts). Prints one markdown table row per runner.
#
# usage: benchmarks/e2e/build-runners.sh snapshots|oplogs INPUT OUT_DIR [--runners=direct,local,cluster]
#          [--parallelism=2] [--port=8081] [--rpc-port=6123] [-- EXTRA_BUILD_ARGS...]
#   INPUT    one file (or a glob, quoted) given to build as --snapshots= or --oplogs=
#   OUT_DIR  must not exist; gets direct/ local/ cluster/ (the three builds), *.time (/usr/bin/time -v),
#            *.log, cluster-work/ (the cluster's logs) and rows.md
# environment:
#   LOGDEX_CP   classpath of the CLI for direct and [local] (default: bin/logdex's, read from
#               pipelines/target/logdex.classpath; unlike bin/logdex this never rebuilds, it warns
#               when sources are newer)
#   JOB_JAR     the job jar for the cluster (default runners/target/logdex-runners-*-job.jar)
#   FLINK_CLASSPATH_FILE  a resolved Flink 1.19 classpath (e.g. another cluster work dir's
#               classpath file) to reuse instead of start-cluster.sh resolving it with Maven
#   JAVA_OPTS   extra flags for the direct and [local] JVMs (as bin/logdex); CLIENT_JAVA_OPTS for the
#               cluster's client (submit.sh's default -Xmx1g)
#
# Peak RSS: /usr/bin/time -v's maximum RSS of the JVM for direct and [local]. For the cluster, the
# sum of VmHWM (the kernel's peak resident set) of the JobManager and every TaskManager, read from
# /proc after the job and before the cluster stops, shown next to the client's own peak. Cluster CPU
# is the JobManager's and TaskManagers' user+sys ticks spent between submit and the job's end, plus
# the client's.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
flink=$top/runners/flink
. "$top/benchmarks/e2e/cluster-common.sh"

die() { echo "build-runners.sh: $*" >&2; exit 1; }
say() { echo "[$(date +%H:%M:%S)] $*" >&2; }

[ $# -ge 3 ] || { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2; exit 2; }
kind=$1 input=$2 out=$3
shift 3
runners=direct,local,cluster parallelism=2 port=8081 rpc_port=6123 extra=()
while [ $# -gt 0 ]; do
  case $1 in
    --runners=*) runners=${1#*=} ;;
    --parallelism=*) parallelism=${1#*=} ;;
    --port=*) port=${1#*=} ;;
    --rpc-port=*) rpc_port=${1#*=} ;;
    --) shift; extra=("$@"); break ;;
    *) die "unknown option $1" ;;
  esac
  shift
done
check_kind_and_out "$kind" "$out"

# Absolute paths: the cluster's TaskManagers resolve them, not this shell.
shopt -s nullglob
files=()
for f in $input; do files+=("$(realpath "$f")"); done
shopt -u nullglob
[ ${#files[@]} -gt 0 ] || die "no input matches $input"
case $input in /*) abs_input=$input ;; *) abs_input=$PWD/$input ;; esac
input_bytes=0
for f in "${files[@]}"; do input_bytes=$((input_bytes + $(stat -c %s "$f"))); done
mkdir -p "$out"
out=$(realpath "$out")

if [ -z "${LOGDEX_CP:-}" ]; then
  stamp=$top/pipelines/target/logdex.classpath
  [ -s "$stamp" ] || die "no $stamp: run bin/logdex once (it builds), or set LOGDEX_CP"
  LOGDEX_CP=$(cat "$stamp")
  newer=$(find "$top"/{io-connectors,transforms,samples,pipelines}/src/main -newer "$stamp" -name '*.java' -print -quit)
  [ -z "$newer" ] || say "warning: sources are newer than $stamp (e.g. $newer); the direct/[local] runs use the classes as built"
fi
if [[ ,$runners, == *,cluster,* ]]; then
  find_job_jar "$top"
fi

build_args=(build "--$kind=$abs_input" "${extra[@]+"${extra[@]}"}")
java_flags=(-Dorg.slf4j.simpleLogger.defaultLogLevel=warn
  -Dorg.slf4j.simpleLogger.log.org.apache.beam.sdk.coders.SerializableCoder=error)

# field FILE LABEL: a value from /usr/bin/time -v output
field() { grep -F "$2" "$1" | head -n 1 | sed 's/.*: *//'; }
wall_seconds() {
  local v; v=$(grep -F 'Elapsed (wall clock)' "$1" | sed 's/.*): *//')
  awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }' <<<"$v"
}
cpu_seconds() { awk -v u="$(field "$1" 'User time')" -v s="$(field "$1" 'System time')" 'BEGIN { printf "%.1f", u + s }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

declare -A WALL CPU RSS NOTE
run_local() {
  local name=$1; shift
  say "$name: logdex ${build_args[*]} --output=$out/$name $*"
  # shellcheck disable=SC2086
  /usr/bin/time -v -o "$out/$name.time" java "${java_flags[@]}" ${JAVA_OPTS:-} -cp "$LOGDEX_CP" io.logdex.cli.Main \
    "${build_args[@]}" "--output=$out/$name" "$@" >"$out/$name.log" 2>&1 \
    || { tail -n 30 "$out/$name.log" >&2; die "$name build failed (see $out/$name.log)"; }
  WALL[$name]=$(wall_seconds "$out/$name.time")
  CPU[$name]=$(cpu_seconds "$out/$name.time")
  RSS[$name]=$(mb "$(field "$out/$name.time" 'Maximum resident set size')")
  NOTE[$name]="JVM max RSS"
  say "$name: ${WALL[$name]} s wall, ${CPU[$name]} s CPU, ${RSS[$name]} MB peak RSS"
}

cluster_work=$out/cluster-work
cluster_started=false
stop_cluster() {
  if [ "$cluster_started" = true ]; then "$flink/stop-cluster.sh" --workdir="$cluster_work" >/dev/null 2>&1 || true; fi
  cluster_started=false
}
trap stop_cluster EXIT
trap 'exit 130' INT TERM

cluster_pids() { cat "$cluster_work"/pids/*.pid; }

run_cluster() {
  port=$(free_port "$port")
  rpc_port=$(free_port "$rpc_port")
  say "cluster: starting 2 TaskManagers on 127.0.0.1:$port"
  cluster_started=true
  mkdir -p "$cluster_work"
  if [ -n "${FLINK_CLASSPATH_FILE:-}" ]; then cp "$FLINK_CLASSPATH_FILE" "$cluster_work/classpath"; fi
  "$flink/start-cluster.sh" --workdir="$cluster_work" --port="$port" --rpc-port="$rpc_port" --taskmanagers=2 \
    >"$out/cluster-start.log" 2>&1 || { cat "$out/cluster-start.log" >&2; die "cluster did not start"; }
  "$flink/wait-cluster.sh" --workdir="$cluster_work" --taskmanagers=2 --timeout=180 >>"$out/cluster-start.log" 2>&1 \
    || { cat "$out/cluster-start.log" >&2; die "cluster did not come up"; }
  local pid before=0 after=0 hwm=0 k
  for pid in $(cluster_pids); do before=$((before + $(ticks "$pid"))); done
  say "cluster: submit.sh ${build_args[*]} --output=$out/cluster --parallelism=$parallelism"
  /usr/bin/time -v -o "$out/cluster.time" "$flink/submit.sh" --workdir="$cluster_work" --jar="$JOB_JAR" -- \
    "${build_args[@]}" "--output=$out/cluster" "--parallelism=$parallelism" >"$out/cluster.log" 2>&1 \
    || { tail -n 30 "$out/cluster.log" >&2; die "cluster build failed (see $out/cluster.log, $cluster_work/log)"; }
  for pid in $(cluster_pids); do
    [ -r "/proc/$pid/status" ] || die "cluster process $pid is gone (see $cluster_work/log)"
    after=$((after + $(ticks "$pid")))
    k=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")
    hwm=$((hwm + k))
  done
  stop_cluster
  local tck client_cpu client_rss
  tck=$(getconf CLK_TCK)
  client_cpu=$(cpu_seconds "$out/cluster.time")
  client_rss=$(mb "$(field "$out/cluster.time" 'Maximum resident set size')")
  WALL[cluster]=$(wall_seconds "$out/cluster.time")
  CPU[cluster]=$(awk -v d=$((after - before)) -v t="$tck" -v c="$client_cpu" 'BEGIN { printf "%.1f", d / t + c }')
  RSS[cluster]=$(mb "$hwm")
  NOTE[cluster]="JobManager+2 TaskManagers VmHWM (client: $client_rss MB)"
  say "cluster: ${WALL[cluster]} s wall, ${CPU[cluster]} s CPU, ${RSS[cluster]} MB peak RSS (+ client $client_rss MB)"
}

# same A B: every file of the two builds but the top-level manifest.json is byte-identical.
same() {
  local a=$1 b=$2 f
  diff <(cd "$a" && find . -type f ! -path ./manifest.json | sort) \
       <(cd "$b" && find . -type f ! -path ./manifest.json | sort) >/dev/null || return 1
  while IFS= read -r f; do cmp -s "$a/$f" "$b/$f" || return 1; done < <(cd "$a" && find . -type f ! -path ./manifest.json)
}

order=()
for r in ${runners//,/ }; do
  case $r in
    direct) run_local direct ;;
    local) run_local local --runner=FlinkRunner '--flinkMaster=[local]' "--parallelism=$parallelism" ;;
    cluster) run_cluster ;;
    *) die "unknown runner $r (direct, local, cluster)" ;;
  esac
  order+=("$r")
done

ref=${order[0]}
# manifest VALUE RUNNER: a figure the build recorded in its manifest.json (python3 for the JSON).
manifest() {
  python3 -c 'import json, sys; m = json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, {"m": m}))' \
    "$out/$2/manifest.json" "$1" 2>/dev/null || echo "?"
}
# MB/s of decoded input (what was parsed; a .zst op-log is several times its file size), as the
# build recorded it; the file size if it did not.
stored_mb=$(awk -v b="$input_bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
decoded_mb=$(manifest "'%.1f' % (m['summary']['decodedBytes'] / 1e6)" "$ref")
[ "$decoded_mb" != "?" ] || decoded_mb=$stored_mb
rate() { awk -v m="$decoded_mb" -v s="$1" 'BEGIN { printf "%.2f", m / s }'; }
declare -A LABEL=([direct]="DirectRunner" [local]="Flink [local], parallelism $parallelism"
  [cluster]="Flink loopback cluster, 2 TMs, parallelism $parallelism")
failed=0
{
  echo "| runner | input | wall | decoded input MB/s | pipeline (manifest) | CPU (user+sys) | peak RSS | output = $ref's |"
  echo "|---|---|---|---|---|---|---|---|"
  for r in "${order[@]}"; do
    if [ "$r" = "$ref" ]; then ident="(reference)"
    elif same "$out/$ref" "$out/$r"; then ident="identical"
    else ident="**DIFFERENT**"; failed=1
    fi
    printf '| %s | %s, %s MB (%s MB decoded) | %s s | %s | %s s | %s s | %s MB (%s) | %s |\n' "${LABEL[$r]}" "$kind" \
      "$stored_mb" "$decoded_mb" "${WALL[$r]}" "$(rate "${WALL[$r]}")" "$(manifest "m['timings']['seconds']" "$r")" "${CPU[$r]}" \
      "${RSS[$r]}" "${NOTE[$r]}" "$ident"
  done
} | tee "$out/rows.md"
[ "$failed" -eq 0 ] || { say "outputs differ: compare with diff -r $out/$ref $out/<runner>"; exit 1; }
