#!/usr/bin/env bash
# Start-up of one short query (`search --count op:GET`) as bin/logdex runs it, two source trees
# A/B: each tree's modules as jars in a launcher directory of its own (bin/logdex, the modules'
# target/logdex-*.jar, pipelines/target/logdex.classpath), so that bin/logdex makes and uses its
# class data sharing archive as it does for users, without Maven. Three launchers:
#   main          main's jars, main's bin/logdex
#   jars-only     the branch's jars, main's bin/logdex (what the branch's code costs alone)
#   branch        the branch's jars, the branch's bin/logdex
# Each is run once to make its archive, then all alternate; mean wall and CPU (user+sys) of each.
#
# usage: benchmarks/e2e/cli-startup.sh MAIN_TREE BRANCH_TREE INDEX_DIR [RUNS]
#   both trees compiled first (mvn -B -o -q -pl pipelines -am compile in each); main's tree from
#   `git archive main | tar -x -C DIR`. Scratch files in ${TMPDIR:-/tmp}/cli-startup.
set -euo pipefail
main=$(cd "$1" && pwd) branch=$(cd "$2" && pwd) index=$3 runs=${4:-12} w=${TMPDIR:-/tmp}/cli-startup
modules=(io-connectors transforms samples pipelines)
rm -rf "$w" && mkdir -p "$w"

launcher() { # NAME JARS_TREE SCRIPT_TREE
  local top=$w/$1 cp="" m
  mkdir -p "$top/bin" "$top/pipelines/target"
  cp "$3/bin/logdex" "$top/bin/"
  # Sources and poms older than the classpath stamp: bin/logdex sees nothing to build.
  touch -d 2020-01-01 "$top/pom.xml"
  for m in "${modules[@]}"; do
    mkdir -p "$top/$m/src/main" "$top/$m/target"
    touch -d 2020-01-01 "$top/$m/pom.xml" "$top/$m/src/main"
    jar cf "$top/$m/target/logdex-$m-0.jar" -C "$2/$m/target/classes" .
    touch -d 2020-01-02 "$top/$m/target/logdex-$m-0.jar"
    cp="$cp$top/$m/target/logdex-$m-0.jar:"
  done
  (cd "$2" && mvn -B -o -q -pl pipelines dependency:build-classpath -Dmdep.excludeGroupIds=io.logdex \
     -Dmdep.outputFile="$top/deps" >/dev/null)
  echo "$cp$(cat "$top/deps")" > "$top/pipelines/target/logdex.classpath"
  "$top/bin/logdex" search --index="$index" --count op:GET >/dev/null  # makes its archive
}
launcher main "$main" "$main"
launcher jars-only "$branch" "$main"
launcher branch "$branch" "$branch"
uptime
for i in $(seq "$runs"); do
  for name in main jars-only branch; do
    printf '%s ' $name
    /usr/bin/time -f "%e %U %S" "$w/$name/bin/logdex" search --index="$index" --count op:GET 2>&1 >/dev/null | tail -1
  done
done > "$w/times.txt"
uptime
awk '{w[$1]+=$2; c[$1]+=$3+$4; n[$1]++}
  END {for (k in c) printf "%s: mean wall %.3f s, cpu (user+sys) %.3f s, %d runs\n", k, w[k]/n[k], c[k]/n[k], n[k]}' \
  "$w/times.txt" | sort
