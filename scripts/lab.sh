#!/usr/bin/env bash
# The labs: each learning objective of the design as an experiment on a stack of its own, a Java
# program in system-tests/.../labs/ (docs/labs/README.md). This script only builds and starts it.
#
#   scripts/lab.sh list          # one line per lab (scripts/lab/labs.tsv, the one list of labs)
#   scripts/lab.sh NAME          # runs one; results in target/labs/NAME/ (results.json, *.svg)
#   scripts/lab.sh NAME --update-docs   # and copies its charts to docs/labs/images/ (its page's)
#
# Settings (env): LAB_SHORT=1 (the smaller sizes the tests use), LAB_OUT (target/labs/NAME).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
CATALOG=$ROOT_DIR/scripts/lab/labs.tsv

case "${1:-list}" in
  list | -h | --help) awk -F'\t' '{ printf "%-15s %s\n", $1, $2 }' "$CATALOG"; exit 0 ;;
esac
cut -f1 "$CATALOG" | grep -qxF -- "$1" || die "no lab named $1; scripts/lab.sh list shows them"
[[ $# -eq 1 || ($# -eq 2 && $2 == --update-docs) ]] || die "usage: scripts/lab.sh NAME [--update-docs]"
select_jdk
mkdir -p "$ROOT_DIR/target/labs"
echo "==> compiling the labs (./mvnw -pl system-tests -am test-compile; a few minutes the first time)"
(cd "$ROOT_DIR" && ./mvnw -B -ntp -q -pl system-tests -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/lab-classpath.txt) >"$ROOT_DIR/target/labs/build.log" 2>&1 \
  || die "the build failed; see target/labs/build.log"
cd "$ROOT_DIR"   # the labs find the repository from their working directory
exec "$JAVA_HOME/bin/java" -cp "$ROOT_DIR/system-tests/target/test-classes:$(<"$ROOT_DIR/system-tests/target/lab-classpath.txt")" \
  com.practicalsystemdesign.systemtests.labs.LabMain "$@"
