# it.sh job profile: the smoke job (io.logdex.runners.smoke.SmokeJob), built by the standalone
# runners/flink/smoke/pom.xml so it needs nothing from the rest of the logdex tree.
#
# A profile sets JOB_MAIN and defines:
#   job_jar               print the path of the job jar, building it if needed
#   job_generate DIR MB   write about MB megabytes of deterministic input under DIR
#   job_args IN OUT       set the array JOB_ARGS: the job's arguments for input dir IN, output dir OUT
#   job_compare REF OUT   (optional) succeed when the outputs match; it.sh defaults to diff -r
# it.sh appends the runner options itself (DirectRunner for the reference, FlinkRunner on the cluster).

JOB_MAIN=io.logdex.runners.smoke.SmokeJob

job_jar() {
  local build=$IT_WORK/smoke-build src=$RUNNERS_DIR/src/main/java/io/logdex/runners/smoke
  local jar=$build/logdex-smoke-job-0.1.0-SNAPSHOT-job.jar
  if [ ! -s "$jar" ] || [ -n "$(find "$src" "$FLINK_HOME_DIR/smoke/pom.xml" -newer "$jar" -print -quit)" ]; then
    log "building the smoke job jar into $build"
    mvn -q -B -f "$FLINK_HOME_DIR/smoke/pom.xml" package -Dsmoke.buildDir="$build" >"$IT_WORK/smoke-build.log" 2>&1 \
      || { cat "$IT_WORK/smoke-build.log" >&2; die "smoke job build failed"; }
  fi
  echo "$jar"
}

job_generate() {
  java -cp "$(job_jar)" io.logdex.runners.smoke.SmokeInput "$1/lines.tsv" "$2" 1000 42
}

# SMOKE_DIGEST_ROUNDS stretches the job without a bigger file: each round hashes every line again.
job_args() {
  JOB_ARGS=("--input=$1/lines.tsv" "--output=$2" "--digestRounds=${SMOKE_DIGEST_ROUNDS:-16}")
}
