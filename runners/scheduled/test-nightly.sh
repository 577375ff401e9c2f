#!/usr/bin/env bash
# Exercises logdex-nightly.sh for real with the smoke job on the DirectRunner (it needs no
# cluster): a first build becomes current; a second one becomes current and the first previous; a
# failing build leaves both alone; a held lock makes a run exit 75 without building; KEEP_BUILDS
# prunes old builds but never current or previous. About a minute on 2 cores.
#
# usage: test-nightly.sh [--workdir=DIR]   (default /tmp/logdex-nightly-test-$USER, removed after)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/../flink/common.sh"

IT_WORK=${TMPDIR:-/tmp}/logdex-nightly-test-$(id -un)
for a in "$@"; do
  case $a in
    --workdir=*) IT_WORK=${a#*=} ;;
    *) die "unknown option $a" ;;
  esac
done
mkdir -p "$IT_WORK"
IT_WORK=$(cd "$IT_WORK" && pwd)
. "$FLINK_HOME_DIR/it-jobs/smoke.sh"

root=$IT_WORK/index
holder=""
cleanup() {
  [ -n "$holder" ] && kill "$holder" 2>/dev/null || true
  rm -rf "$root" "$IT_WORK/input" "$IT_WORK/nightly.env"
}
trap cleanup EXIT
rm -rf "$root" "$IT_WORK/input"
mkdir -p "$IT_WORK/input"

jar=$(job_jar)
WORKDIR=$IT_WORK/flink; mkdir -p "$WORKDIR"
flink_classpath >/dev/null
java -cp "$jar" io.logdex.runners.smoke.SmokeInput "$IT_WORK/input/lines.tsv" 1 50 7 2>/dev/null

write_env() { # BUILD_ARGS KEEP_BUILDS
  cat >"$IT_WORK/nightly.env" <<EOF
INDEX_ROOT=$root
JOB_JAR=$jar
FLINK_CLASSPATH_FILE=$WORKDIR/classpath
JOB_MAIN=io.logdex.runners.smoke.SmokeJob
BUILD_ARGS='$1'
FLINK_MASTER=
JAVA_OPTS=-Xmx512m
KEEP_BUILDS=$2
EOF
}
nightly() {
  local rc=0
  "$here/logdex-nightly.sh" --env="$IT_WORK/nightly.env" >>"$IT_WORK/nightly.log" 2>&1 || rc=$?
  echo "$rc"
}
failures=0
check() {
  if eval "$2"; then echo "PASS $1"; else echo "FAIL $1"; failures=$((failures + 1)); fi
}
: >"$IT_WORK/nightly.log"

write_env "--input=$IT_WORK/input/lines.tsv --enforceImmutability=false" 5
rc=$(nightly); first=$(readlink "$root/current" || true)
check "first build exits 0 ($rc)" '[ "$rc" -eq 0 ]'
check "current -> $first holds the output" '[ -s "$root/current/counts.tsv" ]'
check "no previous after the first build" '[ ! -e "$root/previous" ]'

rc=$(nightly); second=$(readlink "$root/current" || true)
check "second build exits 0 ($rc)" '[ "$rc" -eq 0 ]'
check "current moved to a new build ($second)" '[ -n "$second" ] && [ "$second" != "$first" ]'
check "previous -> the first build" '[ "$(readlink "$root/previous")" = "$first" ]'
check "same input, same bytes" 'cmp -s "$root/$first/counts.tsv" "$root/$second/counts.tsv"'

write_env "--input=$IT_WORK/input/missing-*.tsv" 5
rc=$(nightly)
check "failing build exits 1 ($rc)" '[ "$rc" -eq 1 ]'
check "current unchanged after the failure" '[ "$(readlink "$root/current")" = "$second" ]'
check "previous unchanged after the failure" '[ "$(readlink "$root/previous")" = "$first" ]'
check "both good builds still there" '[ -s "$root/$first/counts.tsv" ] && [ -s "$root/$second/counts.tsv" ]'
check "no partial directory left in builds/" '[ -z "$(ls -A "$root/builds" | grep partial || true)" ]'

write_env "--input=$IT_WORK/input/lines.tsv" 1
# The holder execs into sleep, so killing $! is what releases the lock.
(exec 8>>"$root/.lock"; flock 8; exec sleep 60) &
holder=$!
sleep 0.5
rc=$(nightly)
check "a held lock makes the run exit 75 ($rc)" '[ "$rc" -eq 75 ]'
check "and changes nothing" '[ "$(readlink "$root/current")" = "$second" ]'
kill "$holder"; wait "$holder" 2>/dev/null || true; holder=""

rc=$(nightly); third=$(readlink "$root/current" || true)
check "third build exits 0 ($rc)" '[ "$rc" -eq 0 ] && [ "$third" != "$second" ]'
check "KEEP_BUILDS=1 pruned the oldest build" '[ ! -e "$root/$first" ]'
check "but kept previous" '[ "$(readlink "$root/previous")" = "$second" ] && [ -s "$root/$second/counts.tsv" ]'
check "the log is time-stamped" 'grep -qE "^[0-9]{4}-[0-9]{2}-[0-9]{2}T.*logdex-nightly: build .* done" "$IT_WORK/nightly.log"'

echo "log: $IT_WORK/nightly.log"
[ "$failures" -eq 0 ] || die "$failures check(s) failed"
echo "test-nightly.sh: all checks passed"
