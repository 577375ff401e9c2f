# Sourced by the end-to-end harnesses that run the loopback Flink cluster (build-runners.sh,
# phase-profile.sh): the first free port from a start, a process's CPU ticks so far, the job jar.

# free_port P: P, or the first port above it that nothing on 127.0.0.1 listens on.
free_port() {
  local p=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

# ticks PID: user + system clock ticks the process has used (/proc/PID/stat fields 14 and 15).
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# find_job_jar TOP: sets JOB_JAR (default TOP/runners/target/logdex-runners-*-job.jar) or dies, and
# warns when logdex sources are newer than it (the cluster would run older code).
find_job_jar() {
  local top=$1 newer
  JOB_JAR=${JOB_JAR:-$(ls "$top"/runners/target/logdex-runners-*-job.jar 2>/dev/null | head -n 1 || true)}
  [ -s "${JOB_JAR:-}" ] || die "no job jar: 'mvn -pl runners -am package -DskipTests', or set JOB_JAR"
  newer=$(find "$top"/{io-connectors,transforms,samples,pipelines}/src/main -newer "$JOB_JAR" -name '*.java' -print -quit)
  [ -z "$newer" ] || say "warning: sources are newer than $JOB_JAR (e.g. $newer); outputs may differ for that reason"
}

# check_kind_and_out KIND OUT: dies unless KIND is snapshots or oplogs and OUT does not exist yet.
check_kind_and_out() {
  case $1 in snapshots|oplogs) ;; *) die "INPUT_KIND is snapshots or oplogs, not $1" ;; esac
  [ -e "$2" ] && die "$2 exists; give a fresh OUT_DIR"
  return 0
}
