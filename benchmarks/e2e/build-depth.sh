#!/usr/bin/env bash
# Depth benchmark: `logdex build` (DirectRunner) of one document nested 10k, 100k and 1M levels
# deep, as arrays [[[...]]] and as objects {"a":{"a":...}}, made by `Generate deep`. For each: the
# file's bytes, build wall time and CPU (user+sys, /usr/bin/time) and peak RSS, the pipeline
# seconds the build reports, then the peer in the same run on the same file: Jackson's streaming
# parser pulling every token and its offset (benchmarks' JacksonTokens, nesting limit lifted; jq
# 1.6 refuses documents deeper than 256 levels). Both include JVM start. Prints one markdown table
# row per file and the load average before and after.
#
# usage: benchmarks/e2e/build-depth.sh OUT_DIR [DEPTHS...]     (default depths: 10000 100000 1000000)
#   OUT_DIR must not exist; gets the generated files, one build output per file and *.time
# environment:
#   LOGDEX_CP  classpath of the CLI (default: bin/logdex's, pipelines/target/logdex.classpath; this
#              never rebuilds)
#   PEER_CP    classpath of JacksonTokens (default: benchmarks/target/classes and jackson-core from
#              ~/.m2)
#   JAVA_OPTS  extra JVM flags for the builds
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
[ $# -ge 1 ] || { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2; exit 2; }
out=$1; shift
depths=("$@"); [ ${#depths[@]} -gt 0 ] || depths=(10000 100000 1000000)
[ -e "$out" ] && { echo "build-depth.sh: $out exists" >&2; exit 1; }
cp=${LOGDEX_CP:-$(cat "$top/pipelines/target/logdex.classpath")}
peer_cp=${PEER_CP:-$top/benchmarks/target/classes:$(find ~/.m2/repository/com/fasterxml/jackson/core/jackson-core -name 'jackson-core-2.18*.jar' | head -n 1)}
mkdir -p "$out"

cpu() { awk -F'\t' '{ printf "%.1f", $2 + $3 }' "$1"; }
echo "load before: $(uptime)"
echo "| shape | depth | bytes | build wall s | build CPU s | pipeline s | RSS MB | Jackson wall s | Jackson CPU s | build / Jackson (wall) |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for shape in array object; do
  for d in "${depths[@]}"; do
    f=$out/$shape-$d.json
    java -cp "$cp" io.logdex.samples.Generate deep --shape="$shape" --depth="$d" --out="$f" 2>/dev/null
    bytes=$(stat -c %s "$f")
    /usr/bin/time -f '%e\t%U\t%S\t%M' -o "$out/$shape-$d.time" \
      java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn ${JAVA_OPTS:-} -cp "$cp" io.logdex.cli.Main \
      build --snapshots="$f@0" --output="$out/$shape-$d" > "$out/$shape-$d.log" 2>&1
    pipeline=$(awk '/^  time/ { print $2 }' "$out/$shape-$d.log")
    /usr/bin/time -f '%e\t%U\t%S\t%M' -o "$out/$shape-$d.jq.time" \
      java -cp "$peer_cp" io.logdex.benchmarks.JacksonTokens "$f" > /dev/null
    bw=$(cut -f1 "$out/$shape-$d.time"); jw=$(cut -f1 "$out/$shape-$d.jq.time")
    rss=$(awk -F'\t' '{ printf "%.0f", $4 / 1024 }' "$out/$shape-$d.time")
    ratio=$(awk -v a="$bw" -v b="$jw" 'BEGIN { printf "%.1f", a / (b > 0.01 ? b : 0.01) }')
    echo "| $shape | $d | $bytes | $bw | $(cpu "$out/$shape-$d.time") | $pipeline | $rss | $jw | $(cpu "$out/$shape-$d.jq.time") | $ratio |"
  done
done
echo "load after: $(uptime)"
