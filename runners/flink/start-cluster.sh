#!/usr/bin/env bash
# Starts a Flink 1.19.0 standalone session cluster on 127.0.0.1 from Maven Central jars: one
# JobManager and N TaskManagers, each a background JVM whose PID is recorded in the work directory.
# Returns once the processes are launched; wait-cluster.sh waits until they have registered.
#
# usage: start-cluster.sh [--taskmanagers=N] [--workdir=DIR] [--port=P] [--rpc-port=P]
#                         [--slots=N] [--restart-attempts=N] [--restart-delay=SECONDS]
#   defaults: 2 TaskManagers, REST port 8081, RPC port 6123, 2 slots each, 3 restarts 5 s apart;
#   work directory $LOGDEX_FLINK_WORKDIR or /tmp/logdex-flink-$USER.
# Memory is fixed small for a shared 2-core machine: JobManager 1024m, TaskManagers 1536m each.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

parse_common_args "$@"
TASKMANAGERS=2 SLOTS=2 RESTART_ATTEMPTS=3 RESTART_DELAY=5
PORT=${PORT:-8081}
RPC_PORT=6123
for a in "${REST_ARGS[@]}"; do
  case $a in
    --taskmanagers=*) TASKMANAGERS=${a#*=} ;;
    --rpc-port=*) RPC_PORT=${a#*=} ;;
    --slots=*) SLOTS=${a#*=} ;;
    --restart-attempts=*) RESTART_ATTEMPTS=${a#*=} ;;
    --restart-delay=*) RESTART_DELAY=${a#*=} ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) die "unknown option $a" ;;
  esac
done
for n in "$TASKMANAGERS" "$PORT" "$RPC_PORT" "$SLOTS" "$RESTART_ATTEMPTS" "$RESTART_DELAY"; do
  [[ $n =~ ^[0-9]+$ ]] || die "not a number: $n"
done
[ "$TASKMANAGERS" -ge 1 ] || die "--taskmanagers must be at least 1"

mkdir -p "$CONF_DIR" "$LOG_DIR" "$PID_DIR" "$WORKDIR/tmp" "$WORKDIR/blobs" "$WORKDIR/plugins"
for f in "$PID_DIR"/*.pid; do
  [ -e "$f" ] || continue
  is_our_process "$(cat "$f")" && die "a cluster is already running from $WORKDIR (stop-cluster.sh --workdir=$WORKDIR)"
  rm -f "$f"
done
port_in_use "$PORT" && die "127.0.0.1:$PORT is in use (choose --port=)"
port_in_use "$RPC_PORT" && die "127.0.0.1:$RPC_PORT is in use (choose --rpc-port=)"

CP=$(flink_classpath)

cat >"$CONF_DIR/config.yaml" <<EOF
# Written by runners/flink/start-cluster.sh; rewritten at every start.
# Loopback only: every address and bind host is 127.0.0.1.
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $RPC_PORT
jobmanager.bind-host: 127.0.0.1
taskmanager.host: 127.0.0.1
taskmanager.bind-host: 127.0.0.1
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $PORT

jobmanager.memory.process.size: 1024m
taskmanager.memory.process.size: 1536m
taskmanager.numberOfTaskSlots: $SLOTS
parallelism.default: $SLOTS
# One slot per TaskManager before two on one, so a job of parallelism 2 runs on both and killing
# either TaskManager hits it.
cluster.evenly-spread-out-slots: true

io.tmp.dirs: $WORKDIR/tmp
blob.storage.directory: $WORKDIR/blobs

# A killed TaskManager is noticed within heartbeat.timeout even if no connection to it breaks.
heartbeat.interval: 2000
heartbeat.timeout: 10000
# TaskManagers start before the ResourceManager is up; retry after 1 s rather than the default 10 s.
cluster.registration.error-delay: 1000

# Batch jobs restart by the cluster's strategy (Beam's --numberOfExecutionRetries is streaming only).
restart-strategy.type: fixed-delay
restart-strategy.fixed-delay.attempts: $RESTART_ATTEMPTS
restart-strategy.fixed-delay.delay: $RESTART_DELAY s
jobmanager.execution.failover-strategy: region
EOF

cat >"$CONF_DIR/log4j.properties" <<'EOF'
# Daemons: one file per process, named by -Dlog.file.
monitorInterval = 30
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = MainAppender
appender.main.name = MainAppender
appender.main.type = File
appender.main.append = true
appender.main.fileName = ${sys:log.file}
appender.main.layout.type = PatternLayout
appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
logger.netty.name = org.jboss.netty.channel.DefaultChannelPipeline
logger.netty.level = OFF
EOF

cat >"$CONF_DIR/log4j-client.properties" <<'EOF'
# The submitting client: everything to ${sys:log.file}, warnings and errors also to stderr.
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = FileAppender
rootLogger.appenderRef.console.ref = ConsoleAppender
appender.file.name = FileAppender
appender.file.type = File
appender.file.append = true
appender.file.fileName = ${sys:log.file}
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
appender.console.name = ConsoleAppender
appender.console.type = Console
appender.console.target = SYSTEM_ERR
appender.console.filter.threshold.type = ThresholdFilter
appender.console.filter.threshold.level = WARN
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %-5p %c{1} - %m%n
EOF

# Flink's bin/*.sh derive the JVM heap/metaspace/direct flags and the matching -D dynamic
# properties from the process size this way; the two must agree or the TaskManager refuses to start.
resource_params() {
  local out
  out=$(java -Xmx128m -cp "$CP" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$CONF_DIR" 2>&1) \
    || { echo "$out" >&2; die "BashJavaUtils $1 failed"; }
  out=$(grep '^BASH_JAVA_UTILS_EXEC_RESULT:' <<<"$out" | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://')
  [ "$(wc -l <<<"$out")" -eq 2 ] || die "BashJavaUtils $1: expected 2 result lines, got: $out"
  echo "$out"
}
JM_PARAMS=$(resource_params GET_JM_RESOURCE_PARAMS)
TM_PARAMS=$(resource_params GET_TM_RESOURCE_PARAMS)
read -r -a JM_JVM <<<"$(sed -n 1p <<<"$JM_PARAMS")"
read -r -a JM_DYN <<<"$(sed -n 2p <<<"$JM_PARAMS")"
read -r -a TM_JVM <<<"$(sed -n 1p <<<"$TM_PARAMS")"
read -r -a TM_DYN <<<"$(sed -n 2p <<<"$TM_PARAMS")"

# An empty plugins directory of our own: Flink otherwise looks for ./plugins and warns.
export FLINK_PLUGINS_DIR=$WORKDIR/plugins

# launch NAME MAIN_CLASS JVM_FLAGS... -- PROGRAM_ARGS...
launch() {
  local name=$1 main=$2; shift 2
  local jvm=()
  while [ "$1" != -- ]; do jvm+=("$1"); shift; done
  shift
  nohup java "${jvm[@]}" "${FLINK_JAVA_OPTS_ALL[@]}" \
    -Dlog.file="$LOG_DIR/$name.log" \
    -Dlog4j.configuration="file:$CONF_DIR/log4j.properties" \
    -Dlog4j.configurationFile="file:$CONF_DIR/log4j.properties" \
    -cp "$CP" "$main" "$@" >"$LOG_DIR/$name.out" 2>&1 </dev/null &
  echo $! >"$PID_DIR/$name.pid"
  log "started $name (pid $!)"
}

{
  echo "PORT=$PORT"
  echo "RPC_PORT=$RPC_PORT"
  echo "TASKMANAGERS=$TASKMANAGERS"
  echo "SLOTS=$SLOTS"
} >"$WORKDIR/cluster.env"

launch jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint "${JM_JVM[@]}" -- \
  --configDir "$CONF_DIR" --executionMode cluster "${JM_DYN[@]}"
for i in $(seq 1 "$TASKMANAGERS"); do
  # A fixed resource id names the TaskManager in the REST API, so kill-taskmanager.sh N and the
  # job's task placement (/jobs/ID/vertices/V/taskmanagers) speak of the same process.
  launch "taskmanager-$i" org.apache.flink.runtime.taskexecutor.TaskManagerRunner "${TM_JVM[@]}" -- \
    --configDir "$CONF_DIR" "${TM_DYN[@]}" -D "taskmanager.resource-id=tm-$i"
done
log "cluster launched: REST http://127.0.0.1:$PORT, $TASKMANAGERS TaskManager(s), work dir $WORKDIR"
