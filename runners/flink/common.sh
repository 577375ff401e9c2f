# Sourced by the runners/flink scripts: defaults, option parsing, the work directory layout, and
# PID handling that only ever touches processes this cluster's own scripts started.
#
# Work directory (one per cluster; several clusters may run side by side on different ports):
#   cluster.env        PORT, RPC_PORT, TASKMANAGERS of the running cluster
#   classpath          the Flink 1.19 jars, resolved from cluster/pom.xml
#   conf/              config.yaml, log4j.properties (daemons), log4j-client.properties
#   log/               jobmanager.log, taskmanager-N.log, their .out files, client.log
#   pids/              jobmanager.pid, taskmanager-N.pid
#   tmp/ blobs/        io.tmp.dirs and blob.storage.directory

FLINK_HOME_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RUNNERS_DIR=$(cd "$FLINK_HOME_DIR/.." && pwd)

WORKDIR=${LOGDEX_FLINK_WORKDIR:-${TMPDIR:-/tmp}/logdex-flink-$(id -un)}
PORT=""
RPC_PORT=""
TASKMANAGERS=""

# What Flink 1.19 ships as env.java.opts.all in its config.yaml: the JDK 17 module openings that
# Kryo, the closure cleaner and Netty need. Every Flink JVM (and the client) gets it.
FLINK_JAVA_OPTS_ALL=(
  --add-exports=java.base/sun.net.util=ALL-UNNAMED
  --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
)

die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

log() {
  echo "[$(date +%H:%M:%S)] $(basename "$0" .sh): $*" >&2
}

# Consumes the options every script shares; anything else is left in REST_ARGS for the caller.
parse_common_args() {
  REST_ARGS=()
  local a
  for a in "$@"; do
    case $a in
      --workdir=*) WORKDIR=${a#*=} ;;
      --port=*) PORT=${a#*=} ;;
      *) REST_ARGS+=("$a") ;;
    esac
  done
  mkdir -p "$WORKDIR"
  WORKDIR=$(cd "$WORKDIR" && pwd)
  CONF_DIR=$WORKDIR/conf
  LOG_DIR=$WORKDIR/log
  PID_DIR=$WORKDIR/pids
}

# For scripts that act on a running cluster: reads what start-cluster.sh recorded.
load_cluster_env() {
  [ -s "$WORKDIR/cluster.env" ] || die "no cluster recorded in $WORKDIR (start-cluster.sh first, or pass --workdir=)"
  local port_arg=$PORT
  # shellcheck disable=SC1091
  . "$WORKDIR/cluster.env"
  [ -n "$port_arg" ] && [ "$port_arg" != "$PORT" ] && die "cluster in $WORKDIR listens on $PORT, not $port_arg"
  REST_URL=http://127.0.0.1:$PORT
}

flink_classpath() {
  local cp=$WORKDIR/classpath pom=$FLINK_HOME_DIR/cluster/pom.xml
  if [ ! -s "$cp" ] || [ "$pom" -nt "$cp" ]; then
    log "resolving the Flink 1.19.0 classpath from $pom"
    mvn -q -B -f "$pom" dependency:build-classpath -Dmdep.outputFile="$cp.tmp" >"$WORKDIR/classpath.mvn.log" 2>&1 \
      || { cat "$WORKDIR/classpath.mvn.log" >&2; die "could not resolve the Flink classpath"; }
    mv "$cp.tmp" "$cp"
  fi
  cat "$cp"
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# True when PID is alive and is one of this work directory's Flink processes. Checking the command
# line for our own --configDir keeps a recycled PID (or anyone else's Flink) safe from our kill.
is_our_process() {
  local pid=$1
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qxF -- "$CONF_DIR"
}

pid_of() {
  local f=$PID_DIR/$1.pid
  [ -s "$f" ] && cat "$f"
}

# GET a REST path and print a Python expression over the parsed JSON (bound to j); lists print one
# item per line. Exit status 1 when the endpoint does not answer.
rest_get() {
  python3 - "$REST_URL$1" "$2" <<'PY'
import json, sys, urllib.request
try:
    with urllib.request.urlopen(sys.argv[1], timeout=5) as r:
        j = json.load(r)
except Exception:
    sys.exit(1)
v = eval(sys.argv[2], {}, {"j": j})
if isinstance(v, (list, tuple)):
    for x in v:
        print(x)
elif v is not None:
    print(v)
PY
}
