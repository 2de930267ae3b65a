# Shared by the fault scripts of tests/integration/ (rebalance.sh, shutdown.sh, readiness.sh,
# refused_topic.sh) and by tests/chaos/: sourced, never run. Each script takes the build dir,
# prints "ok - ..." / "FAIL - ..." lines and "N passed, N failed", and exits non-zero on a failure.
#
#   it_init NAME BUILD_DIR   sets NETRA, REPO, WORK (BUILD_DIR/it-NAME), CONFIG, the counters
#   it_broker                starts a broker (KAFKA_LOCAL_DIR, default WORK/kafka) unless one runs
#                            there; sets B (bootstrap), BROKER_PID, CP (Kafka tools classpath)
#
# KAFKA_LOCAL_DIR given: that broker is reused and left running (the chaos suite starts one for
# all scripts); else the script starts its own and stops it at the end. Scripts that freeze the
# broker (SIGSTOP) always SIGCONT it before they end.
set -uo pipefail

IT_PASSED=0
IT_FAILED=0
PIDS=()
IT_OWN_BROKER=0

ok() { echo "ok   - $*"; IT_PASSED=$((IT_PASSED + 1)); }
fail() { echo "FAIL - $*"; IT_FAILED=$((IT_FAILED + 1)); }
check() { local name="$1"; shift; if "$@"; then ok "$name"; else fail "$name"; fi; }
wait_for() {  # wait_for SECONDS CMD...: polls CMD every 0.25 s
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do [ $SECONDS -ge $deadline ] && return 1; sleep 0.25; done
}
now_ms() { date +%s%3N; }

it_finish() {
  [ -n "${BROKER_PID:-}" ] && kill -CONT "$BROKER_PID" 2>/dev/null
  for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null; done
  if [ "$IT_OWN_BROKER" = 1 ]; then
    KAFKA_LOCAL_DIR="$KLD" "$REPO/scripts/kafka-local" stop >/dev/null 2>&1
  fi
  echo "$IT_PASSED passed, $IT_FAILED failed"
  exit $((IT_FAILED > 0))
}

it_init() {
  local name="$1"
  BUILD="$(cd "${2:?usage: $0 BUILD_DIR}" && pwd)"
  REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  NETRA="$BUILD/daemon/netra"
  [ -x "$NETRA" ] || NETRA="$BUILD/netra"
  WORK="$BUILD/it-$name"
  rm -rf "$WORK" && mkdir -p "$WORK"
  RUN_ID="$(date +%s)-$$"
  trap it_finish EXIT
  [ -x "$NETRA" ] || { fail "netra binary at $BUILD/daemon/netra"; exit 1; }
  cp -r "$REPO/config" "$WORK/config"
  CONFIG="$WORK/config/netra.yaml"
  SAMPLES="${NETRA_IT_SAMPLES:-$REPO/config/samples/events.ndjson}"
}

it_broker() {
  KLD="${KAFKA_LOCAL_DIR:-$WORK/kafka}"
  if ! KAFKA_LOCAL_DIR="$KLD" "$REPO/scripts/kafka-local" status >/dev/null 2>&1; then
    [ -z "${KAFKA_LOCAL_DIR:-}" ] && IT_OWN_BROKER=1
  fi
  B="$(KAFKA_LOCAL_DIR="$KLD" "$REPO/scripts/kafka-local" start 2>"$WORK/kafka-start.log" | tail -1)"
  if [ -z "$B" ]; then fail "scripts/kafka-local start"; tail "$WORK/kafka-start.log"; exit 1; fi
  BROKER_PID="$(cat "$KLD/pid")"
  CP="$(KAFKA_LOCAL_DIR="$KLD" "$REPO/scripts/kafka-local" classpath)"
  SETS=(--set "kafka.brokers=$B" --set http.listen=127.0.0.1:0 --set workers=2
    --set kafka.properties.topic.metadata.refresh.interval.ms=1000
    --set kafka.properties.statistics.interval.ms=500)
}

# topic NAME [PARTITIONS]: creates it (default 4 partitions).
topic() { KAFKA_LOCAL_DIR="$KLD" "$REPO/scripts/kafka-local" topic "$1" "${2:-4}" 2>>"$WORK/topics.log"; }

# start_netra NAME ARGS...: `netra run` in the background (log WORK/run-NAME.log); sets NETRA_PID
# and PORT (also PORT_<NAME>).
start_netra() {
  local name="$1"; shift
  local log="$WORK/run-$name.log"
  "$NETRA" run --config "$CONFIG" "${SETS[@]}" "$@" >"$log" 2>&1 &
  NETRA_PID=$!
  PIDS+=("$NETRA_PID")
  PORT=""
  for _ in $(seq 1 200); do
    PORT="$(sed -n 's/.*on port \([0-9]*\) (http.listen.*/\1/p' "$log" 2>/dev/null | head -1)"
    [ -n "$PORT" ] && return 0
    kill -0 "$NETRA_PID" 2>/dev/null || break
    sleep 0.05
  done
  echo "netra $name did not start:" && tail -20 "$log"
  return 1
}
readyz() { curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:${1:-$PORT}/readyz"; }
is_ready() { [ "$(readyz "${1:-$PORT}")" = 200 ]; }
scrape() { curl -s --max-time 3 "http://127.0.0.1:${1:-$PORT}/metrics"; }
metric() {  # metric PORT NAME: sum of a metric's samples now
  scrape "$1" | awk -v n="$2" '$1 ~ "^"n"({|$)" { s += $2 } END { printf "%d\n", s }'
}
topic_count() { kcat -C -b "$B" -t "$1" -e -q -f 'x\n' 2>/dev/null | wc -l; }
alert_ids() { kcat -C -b "$B" -t "$1" -e -q -f '%s\n' 2>/dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    line = line.strip()
    if line: print(json.loads(line)["alert_id"])' | sort; }
# group_offsets GROUP TOPIC: "<committed sum> <log-end sum> <partitions with data never committed>"
group_offsets() {
  java -cp "$CP" kafka.admin.ConsumerGroupCommand --bootstrap-server "$B" --describe --group "$1" \
    2>/dev/null | awk -v t="$2" '$2 == t { if ($4 == "-") { if ($5 != 0) nc++ } else c += $4; e += $5 } END { printf "%d %d %d\n", c, e, nc }'
}
offsets_done() {  # offsets_done GROUP TOPIC EXPECTED_END
  local c e nc
  read -r c e nc <<<"$(group_offsets "$1" "$2")"
  [ "$e" -eq "$3" ] && [ "$c" -eq "$3" ] && [ "$nc" -eq 0 ]
}

# gen_input FILE COUNT: generated events; sets VALID, INVALID; the alert ids netra scan gives
# for them go to FILE.ids (sorted, one per alert).
gen_input() {
  read -r VALID INVALID <<<"$(python3 "$REPO/tests/integration/gen_events.py" "$SAMPLES" "$1" "$(basename "$1")$RUN_ID" "$2")"
  "$NETRA" scan --config "$CONFIG" "$1" 2>/dev/null | python3 -c 'import json,sys
for l in sys.stdin:
    l=l.strip()
    if l: print(json.loads(l)["alert_id"])' | sort >"$1.ids"
}

# feed FILE TOPIC RATE: produces FILE's lines at about RATE lines/s (background; sets FEEDER).
feed() {
  python3 -c '
import sys, time
lines = open(sys.argv[1], encoding="utf-8", errors="surrogateescape").read().splitlines()
rate = float(sys.argv[2]); t0 = time.time()
for i, l in enumerate(lines):
    sys.stdout.write(l + "\n")
    if i % 50 == 49:
        sys.stdout.flush()
        ahead = (i + 1) / rate - (time.time() - t0)
        if ahead > 0: time.sleep(ahead)
' "$1" "$3" | kcat -P -b "$B" -t "$2" -X linger.ms=5 2>>"$WORK/feed.log" &
  FEEDER=$!
}
