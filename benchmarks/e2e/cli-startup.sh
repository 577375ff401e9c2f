#!/usr/bin/env bash
# Start-up of one short query (`search --count op:GET`), two source trees A/B: each tree's modules
# as jars with a dynamic class data sharing archive of their own and bin/logdex's query flags,
# as bin/logdex runs a query, in alternating runs; mean wall and CPU (user+sys) time of each.
#
# usage: benchmarks/e2e/cli-startup.sh MAIN_TREE BRANCH_TREE INDEX_DIR [RUNS]
#   both trees compiled first (mvn -B -o -q -pl pipelines -am compile in each); main's tree from
#   `git archive main | tar -x -C DIR`. Scratch files in ${TMPDIR:-/tmp}/cli-startup.
set -euo pipefail
main=$1 branch=$2 index=$3 runs=${4:-12} w=${TMPDIR:-/tmp}/cli-startup
mkdir -p $w
cp_of() { # the modules' classes as jars (CDS archives classes from jars only), then the deps
  local tree=$1 tag=$2 cp=""
  (cd "$tree" && mvn -B -o -q -pl pipelines dependency:build-classpath -Dmdep.excludeGroupIds=io.logdex \
     -Dmdep.outputFile=$w/$tag.deps >/dev/null)
  for m in io-connectors transforms samples pipelines; do
    jar cf $w/$tag-$m.jar -C "$tree/$m/target/classes" .; cp="$cp$w/$tag-$m.jar:"
  done
  echo "$cp$(cat $w/$tag.deps)"
}
F="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:disable -Dorg.slf4j.simpleLogger.defaultLogLevel=warn"
q=(search --index="$index" --count op:GET)
for tag in main branch; do
  tree=$main; [ $tag = branch ] && tree=$branch
  cp=$(cp_of "$tree" $tag); echo "$cp" > $w/$tag.cp; rm -f $w/$tag.jsa
  java $F -XX:ArchiveClassesAtExit=$w/$tag.jsa -cp "$cp" io.logdex.cli.Main "${q[@]}" >/dev/null
done
uptime
for i in $(seq "$runs"); do
  for tag in main branch; do
    printf '%s ' $tag
    /usr/bin/time -f "%e %U %S" java $F -XX:SharedArchiveFile=$w/$tag.jsa -cp "$(cat $w/$tag.cp)" \
      io.logdex.cli.Main "${q[@]}" 2>&1 >/dev/null | tail -1
  done
done > $w/times.txt
uptime
awk '{w[$1]+=$2; c[$1]+=$3+$4; n[$1]++} END {for (k in c) printf "%s: mean wall %.3f s, cpu (user+sys) %.3f s, %d runs\n", k, w[k]/n[k], c[k]/n[k], n[k]}' $w/times.txt
