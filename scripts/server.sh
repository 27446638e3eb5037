#!/usr/bin/env bash
# The background server behind `make up / start / stop / ps / logs`: one native process serving
# Spark Connect and the Iceberg REST catalog. Pid file and log live in $RUN_DIR.
#
# Settings (environment, set by the Makefile from .env or its defaults):
#   SPARKLING_BIN  the binary                        (build/bin/sparkling)
#   HOST, PORT     Spark Connect address             (127.0.0.1, 15002)
#   CATALOG_HOST, CATALOG_PORT  Iceberg REST catalog (127.0.0.1, 8181)
#   WAREHOUSE_PATH Iceberg warehouse directory       (spark-warehouse/iceberg)
#   RUN_DIR        pid file and log                  (.run)
#   LOG_LEVEL      server log level                  (info)
#   START_TIMEOUT  seconds to wait for readiness     (30)
set -euo pipefail
cd "$(dirname "$0")/.."

SPARKLING_BIN=${SPARKLING_BIN:-build/bin/sparkling}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-15002}
CATALOG_HOST=${CATALOG_HOST:-127.0.0.1}
CATALOG_PORT=${CATALOG_PORT:-8181}
WAREHOUSE_PATH=${WAREHOUSE_PATH:-spark-warehouse/iceberg}
RUN_DIR=${RUN_DIR:-.run}
LOG_LEVEL=${LOG_LEVEL:-info}
START_TIMEOUT=${START_TIMEOUT:-30}
PID_FILE=$RUN_DIR/sparkling.pid
LOG_FILE=$RUN_DIR/sparkling.log

# The pid in the pid file, if that process is alive and is a sparkling server (a pid file left
# by a crash may name a pid the system has since given to another program).
live_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid
  pid=$(tr -dc '0-9' <"$PID_FILE")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "sparkling.* server" || return 1
  echo "$pid"
}

forget_stale_pid_file() {
  if [ -f "$PID_FILE" ] && ! live_pid >/dev/null; then
    echo "sparkling: removing stale pid file $PID_FILE (pid $(cat "$PID_FILE") is not running;" \
         "the last run ended without \`make stop\`, see $LOG_FILE)"
    rm -f "$PID_FILE"
  fi
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# Who holds a local TCP port, when `ss` can tell.
port_owner() {
  command -v ss >/dev/null 2>&1 || return 0
  ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'users:(([^)]*' | head -1 | sed 's/users:((//'
}

check_port_free() {
  local what=$1 host=$2 port=$3 setting=$4
  if port_open "$host" "$port"; then
    local owner
    owner=$(port_owner "$port")
    echo "sparkling: cannot start, $what port $host:$port is already in use${owner:+ by $owner}." >&2
    echo "  Stop that program, or choose another port: make up $setting" >&2
    exit 1
  fi
}

catalog_ready() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsS -o /dev/null --max-time 1 "http://$CATALOG_HOST:$CATALOG_PORT/v1/config"
  else
    port_open "$CATALOG_HOST" "$CATALOG_PORT"
  fi
}

print_endpoints() {
  echo "  Spark Connect        sc://$HOST:$PORT   (export SPARK_REMOTE=sc://$HOST:$PORT)"
  echo "  Iceberg REST catalog http://$CATALOG_HOST:$CATALOG_PORT"
  echo "  warehouse            $WAREHOUSE_PATH"
  echo "  log                  $LOG_FILE"
}

start() {
  local pid
  if pid=$(live_pid); then
    echo "sparkling is already running (pid $pid)"
    print_endpoints
    return 0
  fi
  forget_stale_pid_file
  if [ ! -x "$SPARKLING_BIN" ]; then
    echo "sparkling: no binary at $SPARKLING_BIN; build it with \`make build\` (or \`make up\`)" >&2
    exit 1
  fi
  check_port_free "Spark Connect" "$HOST" "$PORT" "SPARK_REMOTE=sc://localhost:<port>"
  check_port_free "Iceberg REST catalog" "$CATALOG_HOST" "$CATALOG_PORT" "CATALOG_PORT=<port>"
  mkdir -p "$RUN_DIR" "$WAREHOUSE_PATH"
  echo "=== $(date '+%F %T') starting $SPARKLING_BIN" >>"$LOG_FILE"
  # setsid: the server outlives the shell that started it and gets no terminal signals.
  setsid "$SPARKLING_BIN" server --host "$HOST" --port "$PORT" \
    --catalog-host "$CATALOG_HOST" --catalog-port "$CATALOG_PORT" \
    --warehouse "$WAREHOUSE_PATH" --log-level "$LOG_LEVEL" </dev/null >>"$LOG_FILE" 2>&1 &
  pid=$!
  echo "$pid" >"$PID_FILE"
  local deadline=$((SECONDS + START_TIMEOUT))
  while [ $SECONDS -lt $deadline ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      echo "sparkling exited during start-up; the end of $LOG_FILE:" >&2
      tail -n 20 "$LOG_FILE" >&2
      exit 1
    fi
    if port_open "$HOST" "$PORT" && catalog_ready; then
      echo "sparkling is up (pid $pid)"
      print_endpoints
      return 0
    fi
    sleep 0.05
  done
  echo "sparkling did not become ready within $START_TIMEOUT s (pid $pid); see $LOG_FILE" >&2
  exit 1
}

stop() {
  local pid
  if ! pid=$(live_pid); then
    forget_stale_pid_file
    echo "sparkling is not running"
    return 0
  fi
  kill -TERM "$pid"
  # Graceful: in-flight operations finish and the catalog closes; forced after 15 s.
  for _ in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "sparkling (pid $pid) did not stop within 15 s after SIGTERM; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
  echo "sparkling stopped (pid $pid)"
}

show_processes() {
  local pid
  if ! pid=$(live_pid); then
    forget_stale_pid_file
    echo "sparkling is not running"
    return 0
  fi
  local uptime rss_kb
  uptime=$(ps -o etime= -p "$pid" | tr -d ' ')
  rss_kb=$(ps -o rss= -p "$pid" | tr -d ' ')
  printf '%-22s %-8s %-12s %-10s %s\n' SERVICE PID UPTIME MEMORY ADDRESS
  printf '%-22s %-8s %-12s %-10s %s\n' "spark-connect" "$pid" "$uptime" \
    "$((rss_kb / 1024)) MiB" "sc://$HOST:$PORT"
  printf '%-22s %-8s %-12s %-10s %s\n' "iceberg-rest-catalog" "$pid" "$uptime" "(same)" \
    "http://$CATALOG_HOST:$CATALOG_PORT"
  echo "one process: $(tr '\0' ' ' <"/proc/$pid/cmdline")"
  echo "warehouse $WAREHOUSE_PATH, log $LOG_FILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  ps | status) show_processes ;;
  logs)
    [ -f "$LOG_FILE" ] || { echo "no log yet at $LOG_FILE (start the server with \`make up\`)"; exit 0; }
    if [ "${FOLLOW:-1}" = 1 ]; then exec tail -n "${LINES:-100}" -F "$LOG_FILE"; fi
    tail -n "${LINES:-100}" "$LOG_FILE"
    ;;
  *)
    echo "usage: server.sh start | stop | ps | logs" >&2
    exit 2
    ;;
esac
