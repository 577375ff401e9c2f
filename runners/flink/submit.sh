#!/usr/bin/env bash
# Runs a logdex job against the running cluster and waits for it: the client JVM gets the Flink
# jars plus the job jar on its classpath, and the job jar alone is staged to the cluster.
#
# usage: submit.sh [--workdir=DIR] [--jar=JAR] [--main=CLASS] [--] JOB_ARGS...
#   defaults: the job jar runners/target/logdex-runners-*-job.jar, main class io.logdex.cli.Main.
#   submit.sh's own options end at `--` or at the first argument that is not one of them; the rest
#   go to the job, followed by --runner=FlinkRunner --flinkMaster=127.0.0.1:PORT
#   --filesToStage=JAR and, unless JOB_ARGS set it, --parallelism=<TaskManagers x slots>, every
#   slot of the cluster (it was the slots of one TaskManager, so 2 TaskManagers of 1 slot ran the
#   whole job on one of them).
#   e.g. submit.sh build --snapshots='in/*.json' --output=out/index
#   CLIENT_JAVA_OPTS (default -Xmx1g) goes to the client JVM; its log is WORKDIR/log/client.log.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

jar="" main=io.logdex.cli.Main own=()
while [ $# -gt 0 ]; do
  case $1 in
    --workdir=*|--port=*) own+=("$1") ;;
    --jar=*) jar=${1#*=} ;;
    --main=*) main=${1#*=} ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    --) shift; break ;;
    *) break ;;
  esac
  shift
done
parse_common_args "${own[@]+"${own[@]}"}"
load_cluster_env
is_our_process "$(pid_of jobmanager)" || die "the JobManager of $WORKDIR is not running"

if [ -z "$jar" ]; then
  jar=$(ls "$RUNNERS_DIR"/target/logdex-runners-*-job.jar 2>/dev/null | head -n 1 || true)
  [ -n "$jar" ] || die "no job jar: build it with 'mvn -pl runners -am package -DskipTests' or pass --jar="
fi
[ -s "$jar" ] || die "no such job jar: $jar"
jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")

beam=(--runner=FlinkRunner "--flinkMaster=127.0.0.1:$PORT" "--filesToStage=$jar")
case " $* " in
  *" --parallelism="*) ;;
  *) beam+=("--parallelism=$(( ${TASKMANAGERS:-1} * ${SLOTS:-2} ))") ;;
esac

CP=$(flink_classpath)
log "submitting $main from $(basename "$jar") to 127.0.0.1:$PORT"
# shellcheck disable=SC2086
exec java ${CLIENT_JAVA_OPTS:--Xmx1g} "${FLINK_JAVA_OPTS_ALL[@]}" \
  -Dlog.file="$LOG_DIR/client.log" \
  -Dlog4j.configurationFile="file:$CONF_DIR/log4j-client.properties" \
  -cp "$CP:$jar" "$main" "$@" "${beam[@]}"
