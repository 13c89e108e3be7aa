#!/usr/bin/env bash
# The Spark tests (issue #9): start a local Spark Connect server (scripts/spark-server.sh), run a
# command with it up, and stop it whatever happens. Called by .ci/run.
#   bash .ci/spark.sh                  runs the executor-spark-connect tests
#   bash .ci/spark.sh npm test         runs any command (e.g. the whole suite) with Spark up
# Under CI=true the Spark tests must run: without a server they fail rather than skip.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v java >/dev/null || ! command -v mvn >/dev/null; then
  echo "== Java 17 and Maven for Spark"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null
fi

echo "== Spark Connect server"
t0=$SECONDS
trap 'bash scripts/spark-server.sh stop' EXIT
bash scripts/spark-server.sh start
echo "   (resolve + start-up took $((SECONDS - t0))s)"

if [ "$#" -eq 0 ]; then
  npx tsc -b packages/executor-spark-connect packages/executor-local
  set -- npx vitest run packages/executor-spark-connect
fi
echo "== $*"
"$@"
