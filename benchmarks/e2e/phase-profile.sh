#!/usr/bin/env bash
# Phase profile of `logdex build` on the loopback Flink cluster (runners/flink) with 1 and with 2
# TaskManagers of one slot each (parallelism = TaskManagers): per phase, wall time and CPU time from
# the job's own Beam Metrics (--phaseReport: the launcher's planning time, and per chunk, partition
# merge and commit the CPU and wall milliseconds and start/end times), and from them the serial
# fraction (Amdahl) and the 1 -> N speedup of the build summary's `time`. Runs alternate (1, 2, 1,
# 2, ...) so that load from other work on the machine falls on both; every output must be
# byte-identical to the first (all files but the top-level manifest.json).
#
# usage: benchmarks/e2e/phase-profile.sh oplogs|snapshots INPUT OUT_DIR [--taskmanagers=1,2]
#          [--repeat=2] [--port=18081] [--rpc-port=18123] [-- EXTRA_BUILD_ARGS...]
#   e.g. java -cp runners/target/logdex-runners-*-job.jar io.logdex.samples.Generate oplog \
#          --records=1000000 --format=jsonl --seed=42 --out=/tmp/ops1m.jsonl
#        benchmarks/e2e/phase-profile.sh oplogs /tmp/ops1m.jsonl /tmp/profile
#   --taskmanagers  the cluster sizes, in the order run; 4 oversubscribes 2 cores (label it so)
#   OUT_DIR must not exist; gets run-R-N/ (output, phases.json, vertices.json, client.log, cpu) and
#   table.md. JOB_JAR and FLINK_CLASSPATH_FILE as in build-runners.sh.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
flink=$top/runners/flink
. "$top/benchmarks/e2e/cluster-common.sh"

die() { echo "phase-profile.sh: $*" >&2; exit 1; }
say() { echo "[$(date +%H:%M:%S)] $*" >&2; }

[ $# -ge 3 ] || { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2; exit 2; }
kind=$1 input=$2 out=$3
shift 3
sizes=1,2 repeat=2 port=18081 rpc_port=18123 extra=()
while [ $# -gt 0 ]; do
  case $1 in
    --taskmanagers=*) sizes=${1#*=} ;;
    --repeat=*) repeat=${1#*=} ;;
    --port=*) port=${1#*=} ;;
    --rpc-port=*) rpc_port=${1#*=} ;;
    --) shift; extra=("$@"); break ;;
    *) die "unknown option $1" ;;
  esac
  shift
done
check_kind_and_out "$kind" "$out"
case $input in /*) ;; *) input=$PWD/$input ;; esac
find_job_jar "$top"
mkdir -p "$out"
out=$(realpath "$out")


work="" # the running cluster's work dir, stopped on exit
stop_cluster() {
  if [ -n "$work" ]; then "$flink/stop-cluster.sh" --workdir="$work" >/dev/null 2>&1 || true; fi
  work=""
}
trap stop_cluster EXIT
trap 'exit 130' INT TERM

# run R N: one build on a fresh cluster of N TaskManagers with one slot each.
run() {
  local r=$1 n=$2 d=$out/run-$1-$2 p rp pid before=0 after=0
  mkdir -p "$d"
  work=$d/cluster
  mkdir -p "$work"
  if [ -n "${FLINK_CLASSPATH_FILE:-}" ]; then cp "$FLINK_CLASSPATH_FILE" "$work/classpath"
  elif [ -s "$out/classpath" ]; then cp "$out/classpath" "$work/classpath"; fi
  p=$(free_port "$port") rp=$(free_port "$rpc_port")
  "$flink/start-cluster.sh" --workdir="$work" --port="$p" --rpc-port="$rp" --taskmanagers="$n" --slots=1 \
    >"$d/cluster-start.log" 2>&1 || { cat "$d/cluster-start.log" >&2; die "cluster did not start"; }
  [ -s "$out/classpath" ] || cp "$work/classpath" "$out/classpath"
  "$flink/wait-cluster.sh" --workdir="$work" --timeout=180 >>"$d/cluster-start.log" 2>&1 \
    || { cat "$d/cluster-start.log" >&2; die "cluster did not come up"; }
  for pid in $(cat "$work"/pids/taskmanager-*.pid); do before=$((before + $(ticks "$pid"))); done
  say "run $r, $n TaskManager(s): load $(cut -d' ' -f1-3 /proc/loadavg)"
  uptime >"$d/uptime"
  "$flink/submit.sh" --workdir="$work" --jar="$JOB_JAR" -- build "--$kind=$input" "--output=$d/out" \
    "--parallelism=$n" "--phaseReport=$d/phases.json" "${extra[@]+"${extra[@]}"}" >"$d/client.log" 2>&1 \
    || { tail -n 30 "$d/client.log" >&2; die "build failed (see $d/client.log, $work/log)"; }
  for pid in $(cat "$work"/pids/taskmanager-*.pid); do after=$((after + $(ticks "$pid"))); done
  echo "$(( (after - before) * 1000 / $(getconf CLK_TCK) ))" >"$d/tm-cpu-millis"
  uptime >>"$d/uptime"
  # Per vertex: parallelism, duration, and each subtask's TaskManager, records and duration.
  python3 - "http://127.0.0.1:$p" >"$d/vertices.json" <<'PY' || true
import json, sys, urllib.request
base = sys.argv[1]
get = lambda path: json.load(urllib.request.urlopen(base + path, timeout=10))
jid = get("/jobs/overview")["jobs"][0]["jid"]
job = get("/jobs/" + jid)
for v in job["vertices"]:
    v["subtasks"] = get("/jobs/%s/vertices/%s" % (jid, v["id"]))["subtasks"]
json.dump(job, sys.stdout)
PY
  stop_cluster
  grep -F '  time ' "$d/client.log" | tail -n 1 | awk '{ print $2 }' >"$d/summary-seconds"
  say "run $r, $n TaskManager(s): summary time $(cat "$d/summary-seconds") s"
}

for r in $(seq 1 "$repeat"); do
  for n in ${sizes//,/ }; do run "$r" "$n"; done
done

# same A B: every file but the top-level manifest.json (run facts: runner, times) is byte-identical.
same() {
  diff -rq -x manifest.json -x .lock "$1" "$2" >/dev/null \
    && cmp -s "$1"/g*/index/manifest.json "$2"/g*/index/manifest.json
}
ref=""
ident=identical
for d in "$out"/run-*; do
  if [ -z "$ref" ]; then ref=$d/out; continue; fi
  same "$ref" "$d/out" || { ident="DIFFERENT ($d/out vs $ref)"; }
done

python3 - "$out" "$ident" <<'PY' | tee "$out/table.md"
import glob, json, os, re, statistics, sys
out, ident = sys.argv[1], sys.argv[2]
runs = {}
for d in sorted(glob.glob(out + "/run-*")):
    r, n = map(int, re.match(r".*/run-(\d+)-(\d+)$", d).groups())
    ph = json.load(open(d + "/phases.json"))
    dist = ph["distributions"]
    g = lambda k, f: dist.get(k, {}).get(f, 0)
    ing0, ing1 = g("ingestStartedAt", "min"), g("ingestEndedAt", "max")
    mer0, mer1 = g("mergeStartedAt", "min"), g("mergeEndedAt", "max")
    com0, com1 = g("commitStartedAt", "min"), g("commitEndedAt", "max")
    summary = float(open(d + "/summary-seconds").read().strip() or "nan")
    job = ph["jobMillis"] / 1e3
    row = {
        "summary": summary, "plan": ph["planMillis"] / 1e3,
        "ingest": (ing1 - ing0) / 1e3, "ingestCpu": g("ingestCpuMillis", "sum") / 1e3,
        "ingestN": g("ingestWallMillis", "count"), "ingestMax": g("ingestWallMillis", "max") / 1e3,
        "shuffle": (mer0 - ing1) / 1e3,
        "merge": (mer1 - mer0) / 1e3, "mergeCpu": g("mergeCpuMillis", "sum") / 1e3,
        "mergeN": g("mergeWallMillis", "count"), "mergeMax": g("mergeWallMillis", "max") / 1e3,
        "commit": (com1 - mer1) / 1e3, "commitCpu": g("commitCpuMillis", "sum") / 1e3,
        "tmCpu": int(open(d + "/tm-cpu-millis").read()) / 1e3,
        "load": open(d + "/uptime").read().split("load average:")[1].split(",")[0].strip(),
    }
    # What the summary time holds besides plan and the job's own phases: submission (staging the
    # job jar), scheduling, task start-up and the commit's hand-back.
    row["other"] = summary - row["plan"] - (com1 - ing0) / 1e3
    runs.setdefault(n, []).append(row)

med = lambda n, k: statistics.median(x[k] for x in runs[n])
sizes = sorted(runs)
print("| phase (median of %s) | %s |" % ("/".join(str(len(runs[n])) for n in sizes),
      " | ".join("%d TM wall s | %d TM CPU s" % (n, n) for n in sizes)))
print("|---|" + "---|---|" * len(sizes))
def line(label, wall, cpu=None):
    cells = []
    for n in sizes:
        cells.append("%.1f" % med(n, wall))
        cells.append("%.1f" % med(n, cpu) if cpu else "")
    print("| %s | %s |" % (label, " | ".join(cells)))
line("plan (launcher)", "plan")
line("submit, schedule, start-up (rest of `time`)", "other")
line("ingest (first chunk start to last end)", "ingest", "ingestCpu")
line("descriptor shuffle (last ingest end to first merge start)", "shuffle")
line("merge (first start to last end)", "merge", "mergeCpu")
line("commit (last merge end to commit end)", "commit", "commitCpu")
line("**build summary `time`**", "summary", "tmCpu")
print()
for n in sizes:
    x = runs[n]
    print("- %d TM: chunks %d (longest %.1f s), merges %d (longest %.1f s); `time` per run %s s; load %s"
          % (n, x[0]["ingestN"], med(n, "ingestMax"), x[0]["mergeN"], med(n, "mergeMax"),
             ", ".join("%.1f" % r["summary"] for r in x), ", ".join(r["load"] for r in x)))
if 1 in runs:
    t1 = med(1, "summary")
    serial = med(1, "plan") + med(1, "other") + med(1, "shuffle") + med(1, "commit")
    f = serial / t1
    print("- serial fraction (Amdahl, 1 TM phases: plan + submit/start-up + shuffle + commit over `time`): %.2f" % f)
    for n in sizes:
        if n == 1:
            continue
        s = t1 / med(n, "summary")
        kf = (1 / s - 1 / n) / (1 - 1 / n)
        print("- 1 -> %d TM: speedup of `time` %.2fx (Amdahl predicts %.2fx from f=%.2f); Karp-Flatt serial fraction %.2f"
              % (n, s, 1 / (f + (1 - f) / n), f, kf))
print("- outputs: %s" % ident)
PY
