#!/usr/bin/env bash
# Compiles the published sources of real libraries (bench/libraries.txt) with Error Prone alone and with
# Error Prone plus fsync-guard's checks, in one JVM, and prints per library: files, both times, their
# ratio, our findings and any crash of our checks. See bench/README.md.
#
#   bench/real-libraries.sh [--rounds N] [--warmup N] [--only name,name] [--rebuild] [--no-strict]
#                           [--control] [--resolve-only]
#
# Output goes to bench/work/ (ignored by git): results.txt (the table), findings.txt (every finding).
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
WORK="${FSYNC_BENCH_WORK:-$BENCH/work}"
VERSION=0.1.0-SNAPSHOT
ROUNDS=3
WARMUP=1
ONLY=""
REBUILD=0
STRICT=1
CONTROL=0
RESOLVE_ONLY=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --rebuild) REBUILD=1; shift ;;
    --no-strict) STRICT=0; shift ;;
    --control) CONTROL=1; shift ;;
    --resolve-only) RESOLVE_ONLY=1; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
MVN=(mvn -B -q -Dstyle.color=never)
mkdir -p "$WORK/libs"

REPO="$("${MVN[@]}" -f "$BENCH/errorprone/pom.xml" help:evaluate -Dexpression=settings.localRepository -DforceStdout | sed 's/\x1b\[[0-9;]*m//g')"
CHECKER_JAR="$REPO/dev/fsyncguard/fsync-guard-checker/$VERSION/fsync-guard-checker-$VERSION.jar"

# 1. The checker.
if [[ $REBUILD -eq 1 || ! -f "$CHECKER_JAR" ]]; then
  echo "== building the checker (mvn install -DskipTests)"
  (cd "$ROOT" && "${MVN[@]}" install -DskipTests)
fi
[[ -f "$CHECKER_JAR" ]] || { echo "checker jar missing: $CHECKER_JAR" >&2; exit 1; }
# A copy: a build that cleans the local repository while the runner compiles must not take it away.
cp "$CHECKER_JAR" "$WORK/fsync-guard-checker.jar"
CHECKER_JAR="$WORK/fsync-guard-checker.jar"

# 2. Error Prone's processor path.
if [[ ! -s "$WORK/errorprone.path" ]]; then
  echo "== resolving error_prone_core"
  "${MVN[@]}" -f "$BENCH/errorprone/pom.xml" dependency:build-classpath \
    -DincludeScope=runtime -Dmdep.outputFile="$WORK/errorprone.path"
fi

# 3. Each library: its sources jar (unpacked), its binary jar, and its compile class path, which is the
#    compile+runtime and provided scopes of its own published pom (Gradle publishes `implementation` as
#    runtime) plus the extra= entries.
repo_path() { # g:a:v[:classifier][:type] -> path in the local repository
  local g a v c t
  IFS=: read -r g a v c t <<<"$1"
  t="${t:-jar}"
  echo "$REPO/${g//.//}/$a/$v/$a-$v${c:+-$c}.$t"
}
get() { # g:a:v:type[:classifier]
  (cd "$WORK" && "${MVN[@]}" dependency:get -Dartifact="$1" -Dtransitive=false >/dev/null)
}
resolve() { # name gav extras
  local name="$1" gav="$2" extras="$3" dir="$WORK/libs/$1"
  [[ -f "$dir/.resolved" ]] && return 0
  echo "== resolving $name ($gav)"
  local g a v; IFS=: read -r g a v <<<"$gav"
  if [[ ! -f "$dir/src/.unpacked" ]]; then
    rm -rf "$dir"; mkdir -p "$dir/src"
    get "$g:$a:$v:jar:sources"
    get "$g:$a:$v:jar"
    get "$g:$a:$v:pom"
    (cd "$dir/src" && "$JAVA_HOME/bin/jar" xf "$(repo_path "$g:$a:$v:sources")")
    touch "$dir/src/.unpacked"
  fi
  cp "$(repo_path "$g:$a:$v::pom")" "$dir/pom.xml"
  "${MVN[@]}" -f "$dir/pom.xml" dependency:build-classpath \
    -DincludeScope=runtime -Dmdep.outputFile="$dir/runtime.path"
  "${MVN[@]}" -f "$dir/pom.xml" dependency:build-classpath \
    -DincludeScope=provided -Dmdep.outputFile="$dir/provided.path"
  local cp; cp="$(repo_path "$g:$a:$v")"
  for f in runtime.path provided.path; do
    [[ -s "$dir/$f" ]] && cp="$cp:$(cat "$dir/$f")"
  done
  if [[ -n "$extras" ]]; then
    local deps="" e eg ea ev
    for e in ${extras//,/ }; do
      IFS=: read -r eg ea ev <<<"$e"
      deps="$deps<dependency><groupId>$eg</groupId><artifactId>$ea</artifactId><version>$ev</version></dependency>"
    done
    mkdir -p "$dir/extra"
    cat >"$dir/extra/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>dev.fsyncguard.bench</groupId><artifactId>extra-$name</artifactId><version>0</version>
<packaging>pom</packaging><dependencies>$deps</dependencies></project>
POM
    "${MVN[@]}" -f "$dir/extra/pom.xml" dependency:build-classpath \
      -DincludeScope=runtime -Dmdep.outputFile="$dir/extra.path"
    cp="$cp:$(cat "$dir/extra.path")"
  fi
  echo "$cp" >"$dir/classpath"
  touch "$dir/.resolved"
}

CONFIG="$WORK/run.config"
: >"$CONFIG"
while read -r name gav rest; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  if [[ -n "$ONLY" && ",$ONLY," != *",$name,"* ]]; then continue; fi
  extras="" excludes="" includes=""
  for field in $rest; do
    case "$field" in
      extra=*) extras="${field#extra=}" ;;
      exclude=*) excludes="${field#exclude=}" ;;
      include=*) includes="${field#include=}" ;;
    esac
  done
  resolve "$name" "$gav" "$extras"
  src="$WORK/libs/$name/src"
  if [[ -n "$includes" ]]; then
    # Only these sources are compiled; the library's binary jar resolves the rest.
    src="$WORK/libs/$name/included"
    rm -rf "$src"; mkdir -p "$src"
    (cd "$WORK/libs/$name/src" && for glob in ${includes//,/ }; do
      for f in $glob; do
        [[ -f "$f" ]] && mkdir -p "$src/$(dirname "$f")" && cp "$f" "$src/$f"
      done
    done)
  fi
  printf '%s\t%s\t%s\t%s\n' "$name" "$src" "$WORK/libs/$name/classpath" "$excludes" >>"$CONFIG"
done <"$BENCH/libraries.txt"

[[ $RESOLVE_ONLY -eq 1 ]] && { echo "== resolved: $CONFIG"; exit 0; }

# 4. The runner: one JVM, javac in-process, both configurations alternating, medians over the rounds.
EXPORTS=()
for p in api code comp file main model parser processing tree util; do
  EXPORTS+=("--add-exports=jdk.compiler/com.sun.tools.javac.$p=ALL-UNNAMED")
done
EXPORTS+=("--add-opens=jdk.compiler/com.sun.tools.javac.code=ALL-UNNAMED"
          "--add-opens=jdk.compiler/com.sun.tools.javac.comp=ALL-UNNAMED")
echo "== compiling (rounds=$ROUNDS, warmup=$WARMUP)"
exec "$JAVA" "${EXPORTS[@]}" -Xms6g -Xmx12g -XX:+UseParallelGC -XX:FlightRecorderOptions=stackdepth=2048 \
  "$BENCH/runner/Runner.java" \
  --config "$CONFIG" --errorprone "$(cat "$WORK/errorprone.path")" --checker "$CHECKER_JAR" \
  --rounds "$ROUNDS" --warmup "$WARMUP" --strict "$STRICT" --control "$CONTROL" --out "$WORK"
