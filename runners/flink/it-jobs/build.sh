# it.sh job profile: `logdex build` (io.logdex.cli.Main) from the runners job jar, over one
# generated s3dlio op-log compressed as seekable multi-frame zstd.
#
# See smoke.sh for the profile contract. This profile also defines job_compare, because a build's
# manifest.json records its own output path, runner and timings and so differs between the two
# runs by design; everything it points to must not.

JOB_MAIN=io.logdex.cli.Main

# Small chunks so that the op-log splits into many chunks and both TaskManagers get work; the
# reference run uses the same value, since chunkBytes is part of the output layout.
BUILD_CHUNK_BYTES=${BUILD_CHUNK_BYTES:-4194304}

# The shaded job jar, rebuilt when any logdex source or pom is newer than it. `mvn test` (what CI
# runs first) never builds it.
job_jar() {
  local top jar
  top=$(cd "$RUNNERS_DIR/.." && pwd)
  jar=$(ls "$RUNNERS_DIR"/target/logdex-runners-*-job.jar 2>/dev/null | head -n 1 || true)
  if [ -z "$jar" ] || [ -n "$(find "$top"/{io-connectors,transforms,samples,pipelines,runners}/src/main \
      "$top"/pom.xml "$top"/*/pom.xml -newer "$jar" -print -quit 2>/dev/null)" ]; then
    log "building the job jar (mvn -pl runners -am package)"
    (cd "$top" && mvn -q -B -DskipTests -Dlogdex.skipJobJar=false -pl runners -am package) \
      >"$IT_WORK/job-jar-build.log" 2>&1 \
      || { tail -n 40 "$IT_WORK/job-jar-build.log" >&2; die "job jar build failed"; }
    jar=$(ls "$RUNNERS_DIR"/target/logdex-runners-*-job.jar | head -n 1)
  fi
  echo "$jar"
}

# MB is the op-log's decoded size: a generated TSV record is about 353 bytes.
job_generate() {
  local records=$(( $2 * 1000000 / 353 ))
  java -cp "$(job_jar)" io.logdex.samples.Generate oplog --records="$records" --zstd=multi \
    --seed=42 --out="$1/ops.tsv.zst" >&2
}

job_args() {
  JOB_ARGS=(build "--oplogs=$1/ops.tsv.zst" "--output=$2" "--chunkBytes=$BUILD_CHUNK_BYTES")
}

# Succeeds when both outputs committed the same generation and its directories are identical
# (diff -r, into stdout). The top-level manifest.json is left out: see the header.
job_compare() {
  local ref=$1 out=$2 g_ref g_out
  g_ref=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["generation"])' "$ref/manifest.json") || return 1
  g_out=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["generation"])' "$out/manifest.json") || return 1
  [ "$g_ref" = "$g_out" ] || { echo "generations differ: $g_ref vs $g_out"; return 1; }
  # Besides the generation, only what the manifest retains (the previous one, if a build ran before).
  local d kept
  for d in "$ref" "$out"; do
    kept=$(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1])).get("retained", [])))' "$d/manifest.json") || return 1
    for e in $(find "$d" -mindepth 1 -maxdepth 1 ! -name manifest.json ! -name .lock ! -name "$g_ref" -printf '%f\n'); do
      case " $kept " in *" $e "*) ;; *) echo "unexpected entry: $d/$e"; return 1 ;; esac
    done
  done
  diff -r "$ref/$g_ref" "$out/$g_out"
}
