#!/usr/bin/env bash
# A JFR-profiled `logdex build`, then where its CPU samples went: the share of samples with no
# io.logdex frame anywhere in the whole stack (runner overhead: scheduling, polling, coders), and the
# top methods by self and total samples. Stacks are recorded 1024 frames deep; JFR's default of 64
# (and `jfr print`'s 5) cut off the logdex frames under Beam's deep call chains.
#
# usage: benchmarks/e2e/profile-build.sh OUT_DIR [BUILD_ARGS...]
#   e.g. benchmarks/e2e/profile-build.sh /tmp/prof --oplogs=/tmp/ops1m.jsonl
#   the input for issue 11: java -cp CP io.logdex.samples.Generate oplog --records=1000000 \
#                             --format=jsonl --out=/tmp/ops1m.jsonl
#   OUT_DIR  must not exist; gets out/ (the build's --output), build.jfr, build.time
#            (/usr/bin/time -v: wall, CPU, max RSS) and report.txt
# environment:
#   LOGDEX_CP  classpath to run the CLI from instead of bin/logdex (which rebuilds when sources
#              changed); the same JVM flags as bin/logdex's build
#   JAVA_OPTS  extra JVM flags, as for bin/logdex
#   TOP        how many methods each list shows (default 15)
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
[ $# -ge 1 ] || { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2; exit 2; }
out=$1; shift
[ -e "$out" ] && { echo "profile-build.sh: $out exists; give a fresh OUT_DIR" >&2; exit 1; }
mkdir -p "$out"
out=$(cd "$out" && pwd)

jfr_opts="-XX:FlightRecorderOptions:stackdepth=1024 -XX:StartFlightRecording=filename=$out/build.jfr,settings=profile"
if [ -n "${LOGDEX_CP:-}" ]; then
  cmd=(java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
       -Dorg.slf4j.simpleLogger.log.org.apache.beam.sdk.coders.SerializableCoder=error
       $jfr_opts ${JAVA_OPTS:-} -cp "$LOGDEX_CP" io.logdex.cli.Main)
else
  cmd=(env "JAVA_OPTS=$jfr_opts ${JAVA_OPTS:-}" "$top/bin/logdex")
fi
echo "load before: $(uptime)" | tee "$out/report.txt"
/usr/bin/time -v -o "$out/build.time" "${cmd[@]}" build --output="$out/out" "$@" >"$out/build.log" 2>&1 \
  || { cat "$out/build.log" >&2; exit 1; }
echo "load after:  $(uptime)" | tee -a "$out/report.txt"
awk -F': ' '/Elapsed \(wall/ { print "wall " $2 } /User time/ { u = $2 } /System time/ { s = $2 }
            /Maximum resident/ { r = $2 } END { printf "cpu %.2f s (user %s + sys %s), max RSS %d MB\n", u + s, u, s, r / 1024 }' \
  "$out/build.time" | tee -a "$out/report.txt"
java "$top/benchmarks/e2e/JfrShare.java" "$out/build.jfr" "${TOP:-15}" | tee -a "$out/report.txt"
