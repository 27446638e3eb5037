#!/usr/bin/env bash
# Background server lifecycle for `make up / stop / status`: pid and log under .run/.
set -euo pipefail
cd "$(dirname "$0")/.."
RUN_DIR=.run
PID_FILE=$RUN_DIR/sparkling.pid
LOG_FILE=$RUN_DIR/sparkling.log

running() { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

case "${1:-}" in
  start)
    bin=$2 host=$3 port=$4
    if running; then
      echo "sparkling is already running (pid $(cat "$PID_FILE")), Spark Connect at sc://$host:$port"
      exit 0
    fi
    mkdir -p "$RUN_DIR"
    nohup "$bin" server --host "$host" --port "$port" >>"$LOG_FILE" 2>&1 &
    echo $! >"$PID_FILE"
    # Ready when the port accepts connections (bounded wait).
    for _ in $(seq 1 100); do
      if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
        echo "sparkling started (pid $(cat "$PID_FILE")): SPARK_REMOTE=sc://$host:$port, log in $LOG_FILE"
        exit 0
      fi
      running || { echo "sparkling exited during start-up; see $LOG_FILE" >&2; tail -20 "$LOG_FILE" >&2; exit 1; }
      sleep 0.1
    done
    echo "sparkling did not open $host:$port within 10 s; see $LOG_FILE" >&2
    exit 1
    ;;
  stop)
    if running; then
      pid=$(cat "$PID_FILE")
      kill -TERM "$pid"
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
      echo "sparkling stopped"
    fi
    rm -f "$PID_FILE"
    ;;
  status)
    if running; then echo "sparkling is running (pid $(cat "$PID_FILE"))"; else echo "sparkling is not running"; fi
    ;;
  *)
    echo "usage: server.sh start BIN HOST PORT | stop | status" >&2
    exit 2
    ;;
esac
