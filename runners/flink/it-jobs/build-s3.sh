# it.sh job profile: `logdex build` as build.sh, but on object storage, as on a cluster whose
# workers share no volume: the input is uploaded to s3://bucket/input/, the output is
# s3://bucket/NAME and --tempLocation s3://bucket/tmp-NAME, on Adobe's S3Mock (127.0.0.1, started
# by job_setup), so the TaskManagers read the input from the store, write the index and their
# spill runs to it, and the client only plans, claims and commits. For the comparison, the
# output directories it.sh names are filled with copies of the objects (job_compare), and the
# build's scratch prefix must be gone.

# shellcheck disable=SC1090
. "$FLINK_HOME_DIR/it-jobs/build.sh"
eval "build_$(declare -f job_compare)" # build.sh's comparison, as build_job_compare

# The SDK's default chain reads these in the client, the reference run and every TaskManager
# (started after this profile is sourced, so they inherit them).
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_EC2_METADATA_DISABLED=true
S3MOCK_PID=""
S3_ENDPOINT=""

job_setup() {
  local top jar port
  top=$(cd "$RUNNERS_DIR/.." && pwd)
  jar=$top/pipelines/target/s3mock/s3mock.jar
  if [ ! -s "$jar" ]; then
    log "fetching the S3Mock server jar (mvn -pl pipelines process-test-resources)"
    (cd "$top" && mvn -q -B -pl pipelines process-test-resources) >"$IT_WORK/s3mock-fetch.log" 2>&1 \
      || { tail -n 20 "$IT_WORK/s3mock-fetch.log" >&2; die "could not fetch the S3Mock jar"; }
  fi
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  rm -rf "$IT_WORK/s3root"
  mkdir -p "$IT_WORK/s3root"
  java -Xmx256m -XX:TieredStopAtLevel=1 -jar "$jar" --server.address=127.0.0.1 --server.port=0 \
    "--com.adobe.testing.s3mock.httpPort=$port" --com.adobe.testing.s3mock.store.initialBuckets=bucket \
    "--com.adobe.testing.s3mock.store.root=$IT_WORK/s3root" --logging.level.root=WARN \
    >"$IT_WORK/s3mock.log" 2>&1 &
  S3MOCK_PID=$!
  S3_ENDPOINT=http://127.0.0.1:$port
  local i
  for i in $(seq 240); do
    kill -0 "$S3MOCK_PID" 2>/dev/null || die "S3Mock exited; see $IT_WORK/s3mock.log"
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$S3_ENDPOINT/bucket" || true)" = 200 ]; then
      log "S3Mock ready at $S3_ENDPOINT"
      curl -sf -T "$1/ops.tsv.zst" "$S3_ENDPOINT/bucket/input/ops.tsv.zst" >/dev/null || die "could not upload the input"
      return 0
    fi
    sleep 0.5
  done
  die "S3Mock did not start within 120 s"
}

job_cleanup() {
  if [ -n "$S3MOCK_PID" ]; then
    kill "$S3MOCK_PID" 2>/dev/null || true
    wait "$S3MOCK_PID" 2>/dev/null || true
  fi
  rm -rf "$IT_WORK/s3root"
}

# The output's name on the store is the local directory's last name (out-direct, out-flink).
job_args() {
  local name
  name=$(basename "$2")
  JOB_ARGS=(build --oplogs=s3://bucket/input/ops.tsv.zst "--output=s3://bucket/$name" "--tempLocation=s3://bucket/tmp-$name"
    --awsRegion=us-east-1 "--endpoint=$S3_ENDPOINT" "--chunkBytes=$BUILD_CHUNK_BYTES")
}

# Copies every object under s3://bucket/PREFIX/ into DIR (S3Mock answers unsigned requests);
# prints how many. Keys are checked to stay inside DIR.
s3_mirror() {
  python3 - "$S3_ENDPOINT" "$1" "$2" <<'PY'
import os, sys, urllib.parse, urllib.request, xml.etree.ElementTree as ET
endpoint, prefix, out = sys.argv[1], sys.argv[2] + "/", sys.argv[3]
token, n = None, 0
while True:
    q = {"list-type": "2", "prefix": prefix}
    if token:
        q["continuation-token"] = token
    x = ET.fromstring(urllib.request.urlopen(endpoint + "/bucket?" + urllib.parse.urlencode(q)).read())
    ns = {"s": x.tag.split("}")[0].strip("{")}
    for c in x.findall("s:Contents", ns):
        key = c.find("s:Key", ns).text
        rel = key[len(prefix):]
        path = os.path.normpath(os.path.join(out, rel))
        if not path.startswith(os.path.abspath(out) + os.sep):
            sys.exit("odd key " + key)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(urllib.request.urlopen(endpoint + "/bucket/" + urllib.parse.quote(key)).read())
        n += 1
    if x.find("s:IsTruncated", ns).text != "true":
        break
    token = x.find("s:NextContinuationToken", ns).text
print(n)
PY
}

# Both outputs' objects into the directories it.sh names, then build.sh's comparison; the
# claims are the only names a local output lacks. Each build's scratch prefix must be empty.
job_compare() {
  local ref=$1 out=$2 d n
  for d in "$ref" "$out"; do
    rm -rf "$d"
    mkdir -p "$d"
    n=$(s3_mirror "$(basename "$d")" "$d") || return 1
    echo "$n objects under s3://bucket/$(basename "$d")"
    [ "$(s3_mirror "tmp-$(basename "$d")" "$IT_WORK/scratch-left")" = 0 ] \
      || { echo "scratch left under s3://bucket/tmp-$(basename "$d")"; return 1; }
    find "$d" -maxdepth 1 -name 'g*.claim' -delete
  done
  build_job_compare "$ref" "$out"
}
