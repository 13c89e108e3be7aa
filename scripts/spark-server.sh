#!/usr/bin/env bash
# A local Apache Spark Connect server for @lgde/executor-spark-connect's tests and for trying
# programs on the real Spark: `scripts/spark-server.sh start|stop|status|classpath`.
#
# Spark is resolved with Maven (a pinned version, org.apache.spark:spark-connect_2.13 with
# spark-sql_2.13) into a git-ignored cache folder, and run in local mode as a plain JVM with the
# flags Spark's own launcher passes on Java 17. It only ever binds to 127.0.0.1.
#
# Environment:
#   SPARK_VERSION      pinned Spark version (default below)
#   SPARK_CACHE_DIR    cache folder (default <repo>/.cache/spark)
#   SPARK_CONNECT_PORT port (default 15002)
#   SPARK_MASTER       master (default local[2])
#   SPARK_DRIVER_MEMORY JVM heap (default 2g)
#   SPARK_START_TIMEOUT seconds to wait for the server to answer (default 180)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
SPARK_VERSION="${SPARK_VERSION:-4.0.1}"
SCALA_BINARY="2.13"
cache="${SPARK_CACHE_DIR:-$repo/.cache/spark}"
port="${SPARK_CONNECT_PORT:-15002}"
host="127.0.0.1"
master="${SPARK_MASTER:-local[2]}"
memory="${SPARK_DRIVER_MEMORY:-2g}"
timeout="${SPARK_START_TIMEOUT:-180}"
dir="$cache/$SPARK_VERSION"
pidfile="$cache/server-$port.pid"
logfile="$cache/server-$port.log"

log() { echo "spark-server: $*" >&2; }

# Writes a small pom whose only purpose is to resolve Spark's jars and print their classpath.
write_pom() {
  mkdir -p "$dir"
  cat >"$dir/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>lgde.local</groupId>
  <artifactId>spark-connect-classpath</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.spark</groupId>
      <artifactId>spark-connect_${SCALA_BINARY}</artifactId>
      <version>${SPARK_VERSION}</version>
    </dependency>
    <dependency>
      <groupId>org.apache.spark</groupId>
      <artifactId>spark-sql_${SCALA_BINARY}</artifactId>
      <version>${SPARK_VERSION}</version>
    </dependency>
  </dependencies>
</project>
POM
}

# Resolves the jars once (Maven's own repository caches them) and keeps the classpath in the cache.
classpath() {
  local cp="$dir/classpath.txt"
  if [ ! -s "$cp" ]; then
    command -v mvn >/dev/null || { log "Maven (mvn) is not installed"; exit 1; }
    write_pom
    log "resolving Apache Spark $SPARK_VERSION with Maven (first time only)..."
    local t0=$SECONDS
    mvn -q -B -f "$dir/pom.xml" dependency:build-classpath \
      -Dmdep.outputFile="$cp.tmp" -Dmdep.includeScope=runtime >"$dir/mvn.log" 2>&1 || {
      tail -n 40 "$dir/mvn.log" >&2
      log "could not resolve Spark $SPARK_VERSION (see $dir/mvn.log)"
      exit 1
    }
    mv "$cp.tmp" "$cp"
    log "resolved in $((SECONDS - t0))s"
  fi
  cat "$cp"
}

running_pid() {
  [ -f "$pidfile" ] || return 1
  local pid
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then echo "$pid"; return 0; fi
  return 1
}

# True when something accepts TCP connections on host:port (bash's /dev/tcp, no extra tools).
answers() { (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; }

start() {
  if pid="$(running_pid)"; then log "already running (pid $pid) on sc://$host:$port"; return 0; fi
  if answers; then log "something already answers on $host:$port; not starting another"; return 0; fi
  command -v java >/dev/null || { log "Java is not installed (Spark $SPARK_VERSION needs Java 17+)"; exit 1; }
  local cp
  cp="$(classpath)"
  mkdir -p "$cache/warehouse" "$cache/tmp"
  log "starting Spark Connect $SPARK_VERSION ($master) on sc://$host:$port, log: $logfile"
  local t0=$SECONDS
  # Keeps Spark from picking a non-loopback interface for its driver and block manager.
  export SPARK_LOCAL_IP="$host"
  # The --add-opens list is the one Spark's launcher passes (JavaModuleOptions) on Java 17.
  nohup java -Xmx"$memory" \
    -XX:+IgnoreUnrecognizedVMOptions \
    --add-modules=jdk.incubator.vector \
    --add-opens=java.base/java.lang=ALL-UNNAMED \
    --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
    --add-opens=java.base/java.lang.reflect=ALL-UNNAMED \
    --add-opens=java.base/java.io=ALL-UNNAMED \
    --add-opens=java.base/java.net=ALL-UNNAMED \
    --add-opens=java.base/java.nio=ALL-UNNAMED \
    --add-opens=java.base/java.util=ALL-UNNAMED \
    --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
    --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED \
    --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.cs=ALL-UNNAMED \
    --add-opens=java.base/sun.security.action=ALL-UNNAMED \
    --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
    --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED \
    -Djdk.reflect.useDirectMethodHandle=false \
    -Dio.netty.tryReflectionSetAccessible=true \
    -Djava.io.tmpdir="$cache/tmp" \
    -Dspark.master="$master" \
    -Dspark.app.name=lgde-spark-connect \
    -Dspark.driver.host="$host" \
    -Dspark.driver.bindAddress="$host" \
    -Dspark.ui.enabled=false \
    -Dspark.sql.warehouse.dir="$cache/warehouse" \
    -Dspark.sql.shuffle.partitions=4 \
    -Dspark.connect.grpc.binding.address="$host" \
    -Dspark.connect.grpc.binding.port="$port" \
    -cp "$cp" org.apache.spark.sql.connect.service.SparkConnectServer \
    >"$logfile" 2>&1 </dev/null &
  echo $! >"$pidfile"
  local pid=$!
  while ! answers; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 40 "$logfile" >&2
      rm -f "$pidfile"
      log "the server exited during start-up (see $logfile)"
      exit 1
    fi
    if [ $((SECONDS - t0)) -ge "$timeout" ]; then
      tail -n 40 "$logfile" >&2
      log "no answer on $host:$port after ${timeout}s; stopping it"
      stop
      exit 1
    fi
    sleep 1
  done
  log "answers on sc://$host:$port (pid $pid) after $((SECONDS - t0))s"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then log "not running"; rm -f "$pidfile"; return 0; fi
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then log "pid $pid ignored SIGTERM for 30s; killing it"; kill -9 "$pid" 2>/dev/null || true; fi
  rm -f "$pidfile"
  log "stopped (pid $pid)"
}

status() {
  if pid="$(running_pid)"; then
    if answers; then echo "running (pid $pid) on sc://$host:$port"; else echo "starting (pid $pid), not answering yet on $host:$port"; fi
    return 0
  fi
  echo "not running"
  return 3
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  classpath) classpath ;;
  *) echo "usage: $0 start|stop|status|classpath" >&2; exit 2 ;;
esac
