#!/usr/bin/env bash
# Node-expand latency of `logdex serve` (/api/children, 100 children a page) on a built snapshot
# index, as a client sees it (curl's time_total over loopback), with the server's static page
# (/app.css, no index read) timed in the same loop as the peer: the floor of a request here.
#
# usage: benchmarks/e2e/serve-expand.sh INDEX_DIR [REQUESTS] [CLASSPATH]
#   INDEX_DIR  a `logdex build` output of a Generate snapshot (its nodes, events, namespaces)
#   CLASSPATH  default: pipelines/target/logdex.classpath (what bin/logdex builds)
# Prints p50/p90/p99/max of each. Requests: the root; a random page of nodes/events; a random
# element of each and its labels; the first page of namespaces and a random namespace.
set -euo pipefail
index=$1; n=${2:-300}
top=$(cd "$(dirname "$0")/../.." && pwd)
cp=${3:-$(cat "$top/pipelines/target/logdex.classpath")}
log=$(mktemp)
java -cp "$cp" io.logdex.cli.Main serve --index="$index" --port=0 >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -f "$log" "$log".*' EXIT
for _ in $(seq 100); do grep -q http "$log" && break; sleep 0.2; done
url=$(grep -o 'http://[^ ]*' "$log")
get() { curl -s -o "$log.body" -w '%{http_code} %{time_total}\n' "$url$1"; }
total() { get "api/children?path=$1&limit=1" >/dev/null; python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["total"] or 0)' "$log.body"; }
nodes=$(total nodes); events=$(total events)
get "api/children?path=namespaces&limit=100" >/dev/null
names=$(python3 -c 'import json,sys; print(" ".join(c["path"] for c in json.load(open(sys.argv[1]))["children"]))' "$log.body")
read -r -a ns <<<"$names"
echo "index $index: nodes $nodes, events $events elements; $n requests of each kind; load: $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$log.expand"; : >"$log.peer"
for i in $(seq "$n"); do
  case $((i % 6)) in
    0) q="path=&limit=100" ;;
    1) q="path=nodes&offset=$((RANDOM * 32768 % nodes + RANDOM % 100))&limit=100" ;;
    2) q="path=events&offset=$(((RANDOM * 32768 + RANDOM) % events))&limit=100" ;;
    3) q="path=nodes%5B$(((RANDOM * 32768 + RANDOM) % nodes))%5D.labels&limit=100" ;;
    4) q="path=namespaces&limit=100" ;;
    5) q="path=${ns[$((RANDOM % ${#ns[@]}))]}&limit=100" ;;
  esac
  r=$(get "api/children?$q"); [ "${r%% *}" = 200 ] || { echo "failed: $q -> $r" >&2; exit 1; }
  echo "${r#* }" >>"$log.expand"
  r=$(get "app.css"); echo "${r#* }" >>"$log.peer"
done
pct() { sort -n "$1" | awk -v name="$2" '{a[NR]=$1} END {printf "%-22s p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms  max %6.1f ms  (n=%d)\n", name, a[int(NR*0.5)]*1000, a[int(NR*0.9)]*1000, a[int(NR*0.99)]*1000, a[NR]*1000, NR}'; }
pct "$log.expand" "children (expand)"
pct "$log.peer" "static /app.css (peer)"
