#!/usr/bin/env bash
# A build into S3 (Adobe's S3Mock on 127.0.0.1) on the DirectRunner, two source trees A/B: the
# same op-log built with each tree's runners job jar into s3://bucket/NAME-N, alternating. Prints,
# per run, the logdex JVM's user+sys CPU, wall time and max RSS (/usr/bin/time), and the CPU the
# S3Mock process spent meanwhile (/proc/PID/stat). B's builds take --tempLocation=s3://bucket/tmp
# when its tree has ObjectStoreTarget (workers write the store themselves).
#
# usage: benchmarks/e2e/s3-build-ab.sh TREE_A TREE_B [RUNS] [RECORDS]
#   each tree's job jar built first (mvn -q -B -o -DskipTests -Dlogdex.skipJobJar=false -pl runners
#   -am package); main's tree from `git archive main | tar -x -C DIR`. S3Mock's jar is tree B's
#   pipelines/target/s3mock/s3mock.jar (mvn -pl pipelines process-test-resources). Scratch files
#   in ${TMPDIR:-/tmp}/s3-build-ab.
set -euo pipefail
a=$(cd "$1" && pwd) b=$(cd "$2" && pwd) runs=${3:-3} records=${4:-200000} w=${TMPDIR:-/tmp}/s3-build-ab
jar_a=$(ls "$a"/runners/target/logdex-runners-*-job.jar) jar_b=$(ls "$b"/runners/target/logdex-runners-*-job.jar)
rm -rf "$w" && mkdir -p "$w/in" "$w/s3root"
. "$b/runners/flink/common.sh"
CP=$(WORKDIR=$w/flink; mkdir -p "$WORKDIR"; flink_classpath)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_EC2_METADATA_DISABLED=true
java -Xmx512m -jar "$b/pipelines/target/s3mock/s3mock.jar" --server.address=127.0.0.1 --server.port=0 \
  "--com.adobe.testing.s3mock.httpPort=$port" --com.adobe.testing.s3mock.store.initialBuckets=bucket \
  "--com.adobe.testing.s3mock.store.root=$w/s3root" --logging.level.root=WARN >"$w/s3mock.log" 2>&1 &
s3pid=$!
trap 'kill $s3pid 2>/dev/null || true' EXIT
for _ in $(seq 240); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/bucket" || true)" = 200 ] && break
  sleep 0.5
done
java -cp "$jar_b" io.logdex.samples.Generate oplog --records="$records" --zstd=multi --seed=42 --out="$w/in/ops.tsv.zst" >&2
temp_b=()
[ -f "$b/transforms/src/main/java/io/logdex/transforms/ObjectStoreTarget.java" ] && temp_b=(--tempLocation=s3://bucket/tmp)

ticks() { awk '{print $14 + $15}' "/proc/$s3pid/stat"; }
run() { # NAME JAR OUTPUT [OPTION...]
  local name=$1 jar=$2 out=$3 before after u s e m
  shift 3
  before=$(ticks)
  /usr/bin/time -f "%U %S %e %M" -o "$w/time.txt" java -Xmx1g -cp "$CP:$jar" io.logdex.cli.Main build \
    "--oplogs=$w/in/ops.tsv.zst" --chunkBytes=4194304 "--output=$out" --awsRegion=us-east-1 \
    "--endpoint=http://127.0.0.1:$port" --progress=off --targetParallelism=2 "$@" >"$w/$name.log" 2>&1 \
    || { tail "$w/$name.log" >&2; exit 1; }
  after=$(ticks)
  read -r u s e m <"$w/time.txt"
  python3 -c "print('%-6s cpu=%.2f s (user %s, sys %s) wall=%s s maxrss=%d MB s3mock_cpu=%.2f s load=%s' % \
    ('$name', $u + $s, '$u', '$s', '$e', $m // 1024, ($after - $before) / 100, '$(cut -d' ' -f1 /proc/loadavg)'))"
}
for i in $(seq "$runs"); do
  run "a-$i" "$jar_a" "s3://bucket/a-$i"
  run "b-$i" "$jar_b" "s3://bucket/b-$i" ${temp_b[@]+"${temp_b[@]}"}
done
