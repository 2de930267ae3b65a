#!/usr/bin/env bash
# End to end through a real Kafka broker (scripts/kafka-local):
#  1. throughput: `netra run` from a pre-filled input topic to a fully produced (and acknowledged,
#     committed) alert topic, against kcat consuming the same topic to /dev/null in the same run;
#     netra's CPU is counted over the same window as its events/s (ready -> all acknowledged),
#     so start-up, the pattern compile and the idle wait for the assignment are not in it;
#  2. latency: produce-to-alert p50/p99 at a steady rate (default 20k events/s), over the events
#     sent after a warm-up (WARMUP_LAT seconds: connection set-up, first fetches, caches).
# It first checks the answer: the alert topic must hold as many alerts as `netra scan` gives for
# the same input.
# MODES="at_least_once exactly_once" measures 1. and 2. for each `delivery` mode in the same run
# (same broker, same input); in exactly_once the throughput window ends when the last
# transaction is committed, and the latency reader is read_committed (alerts visible only then).
#
#   bench/e2e-kafka.sh BUILD_DIR            env: EVENTS (500000), RATE (20000), SECONDS_LAT (20),
#                                                WARMUP_LAT (3), ASN_PCT (100),
#                                                MODES (at_least_once),
#                                                NETRA_BENCH_SETS (extra --set KEY=VALUE)
set -euo pipefail
BUILD="$(cd "${1:?usage: bench/e2e-kafka.sh BUILD_DIR}" && pwd)"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NETRA="$BUILD/daemon/netra"
EVENTS="${EVENTS:-500000}"
RATE="${RATE:-20000}"
SECONDS_LAT="${SECONDS_LAT:-20}"
WARMUP_LAT="${WARMUP_LAT:-3}"
MODES="${MODES:-at_least_once}"
ASN_PCT="${ASN_PCT:-100}"   # share of valid events whose actor stays an ASN; the rest become non-ASN
SAMPLES="${NETRA_BENCH_SAMPLES:-$REPO/config/samples/events.ndjson}"
WORK="$BUILD/bench-e2e"
mkdir -p "$WORK"
export KAFKA_LOCAL_DIR="$WORK/kafka"
B="$("$REPO/scripts/kafka-local" start 2>"$WORK/kafka.log" | tail -1)"
trap 'exit 130' INT TERM
trap '"$REPO/scripts/kafka-local" stop >/dev/null 2>&1; [ -n "${NPID:-}" ] && kill -KILL $NPID 2>/dev/null; true' EXIT
read -r -a EXTRA <<<"${NETRA_BENCH_SETS:-}"
SETS=(--set "kafka.brokers=$B" --set http.listen=127.0.0.1:0
  --set kafka.properties.topic.metadata.refresh.interval.ms=1000)
for s in "${EXTRA[@]}"; do SETS+=(--set "$s"); done
ID="$(date +%s)"
log() { echo "e2e-kafka: $*" >&2; }
now() { date +%s.%N; }
CLK_TCK=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }  # user + system of one process

# ---- input -----------------------------------------------------------------------------------
INPUT="$WORK/input-$EVENTS-asn$ASN_PCT.ndjson"
if [ ! -s "$INPUT" ]; then
  python3 "$REPO/tests/integration/gen_events.py" --asn-pct "$ASN_PCT" "$SAMPLES" "$INPUT" bench "$EVENTS" >/dev/null
fi
EXPECTED="$("$NETRA" scan "${EXTRA[@]/#/--set=}" "$INPUT" 2>/dev/null | grep -c .)"
IN="bench-in-$ID"; AL="bench-alerts-$ID"; DL="bench-dead-$ID"
for t in "$IN" "$AL" "$DL"; do "$REPO/scripts/kafka-local" topic "$t" 4 2>/dev/null; done
log "pre-filling $IN with $EVENTS events ($(du -h "$INPUT" | cut -f1)); netra scan says $EXPECTED alerts"
kcat -P -b "$B" -t "$IN" -X linger.ms=50 -X batch.num.messages=10000 -l "$INPUT"

# ---- kcat baseline -----------------------------------------------------------------------------
t0=$(now)
got=$(kcat -C -b "$B" -t "$IN" -o beginning -e -q -f 'x\n' | wc -l)
t1=$(now)
KCAT_RATE=$(python3 -c "print(round($got/($t1-$t0)))")
log "kcat: $got messages in $(python3 -c "print(round($t1-$t0,2))") s = $KCAT_RATE msg/s"

# ---- netra throughput --------------------------------------------------------------------------
SUMMARY=()
for MODE in $MODES; do
MODE_SETS=(--set "delivery=$MODE" --set "kafka.properties.group.instance.id=bench-$MODE")
ID="$(date +%s)-$MODE"
IN_T="bench-in-$ID"; AL="bench-alerts-$ID"; DL="bench-dead-$ID"
for t in "$IN_T" "$AL" "$DL"; do "$REPO/scripts/kafka-local" topic "$t" 4 2>/dev/null; done
kcat -P -b "$B" -t "$IN_T" -X linger.ms=50 -X batch.num.messages=10000 -l "$INPUT"
start_netra() {
  local name="$1"; shift
  "$NETRA" run "${SETS[@]}" "${MODE_SETS[@]}" "$@" >"$WORK/netra-$name-$MODE.log" 2>&1 &
  NPID=$!
  PORT=""
  until [ -n "$PORT" ]; do
    kill -0 $NPID 2>/dev/null || { log "netra did not start:"; tail -5 "$WORK/netra-$name-$MODE.log"; exit 1; }
    sleep 0.05
    PORT="$(sed -n 's/.*on port \([0-9]*\) (http.listen.*/\1/p' "$WORK/netra-$name-$MODE.log" | head -1)"
  done
}
metric() { curl -s "http://127.0.0.1:$PORT/metrics" | awk -v n="$1" '$1 ~ "^"n"({|$)" { s += $2 } END { printf "%d\n", s }'; }
start_netra tput --set "kafka.input_topics=$IN_T" --set "kafka.alert_topic=$AL" \
  --set "kafka.dead_letter_topic=$DL" --set "kafka.group_id=bench-$ID"
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/readyz")" = 200 ]; do sleep 0.02; done
t0=$(now)
c0=$(cpu_ticks $NPID)
while :; do
  m="$(curl -s "http://127.0.0.1:$PORT/metrics")"
  ev=$(awk '$1 ~ /^netra_events_total\{/ { s += $2 } END { printf "%d", s }' <<<"$m")
  inflight=$(awk '$1 == "netra_inflight_events" { printf "%d", $2 }' <<<"$m")
  [ "$ev" -ge "$EVENTS" ] && [ "$inflight" -eq 0 ] && break
  sleep 0.05
done
t1=$(now)
if [ "$MODE" = exactly_once ]; then
  # Visible once the transaction holding the last events commits: the next commit tick (1 s)
  # commits them unless the last one already did.
  c=$(awk '$1 == "netra_offsets_committed_total" { printf "%d", $2 }' <<<"$m")
  for _ in $(seq 1 125); do
    [ "$(metric netra_offsets_committed_total)" -gt "$c" ] && { t1=$(now); break; }
    sleep 0.02
  done
fi
c1=$(cpu_ticks $NPID)
CPU_S=$(python3 -c "print(round(($c1 - $c0) / $CLK_TCK, 2))")
NETRA_RATE=$(python3 -c "print(round($EVENTS/($t1-$t0)))")
PRODUCED=$(metric 'netra_produced_total')
kill -TERM $NPID; wait $NPID || true; NPID=""
ALERTS=$(kcat -C -b "$B" -t "$AL" -e -q -X isolation.level=read_committed -f 'x\n' | wc -l)
[ "$ALERTS" -eq "$EXPECTED" ] || { log "WRONG ANSWER: alert topic has $ALERTS alerts, netra scan gives $EXPECTED"; exit 1; }
log "[$MODE] netra run: $EVENTS events -> $ALERTS alerts (+ dead letters; $PRODUCED records acknowledged) in $(python3 -c "print(round($t1-$t0,2))") s = $NETRA_RATE events/s; netra CPU $CPU_S s = $(python3 -c "print(round($CPU_S*1e6/$EVENTS, 1))") µs/event"
RATIO=$(python3 -c "print(round(100*$NETRA_RATE/$KCAT_RATE))")
log "[$MODE] ratio netra/kcat: $RATIO %"

# ---- latency at a steady rate ---------------------------------------------------------------------
if [ "$SECONDS_LAT" = 0 ]; then
  SUMMARY+=("mode=$MODE kcat_msgs_per_s=$KCAT_RATE netra_events_per_s=$NETRA_RATE ratio_pct=$RATIO alerts=$ALERTS events=$EVENTS")
  continue
fi
IN2="bench-lat-in-$ID"; AL2="bench-lat-alerts-$ID"
for t in "$IN2" "$AL2"; do "$REPO/scripts/kafka-local" topic "$t" 4 2>/dev/null; done
start_netra lat --set "kafka.input_topics=$IN2" --set "kafka.alert_topic=$AL2" \
  --set "kafka.dead_letter_topic=$DL" --set "kafka.group_id=bench-lat-$ID" \
  --set kafka.properties.fetch.wait.max.ms=10
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/readyz")" = 200 ]; do sleep 0.02; done
( kcat -C -b "$B" -t "$AL2" -o end -u -q -X fetch.wait.max.ms=5 -X isolation.level=read_committed -f '%s\n' 2>/dev/null &
  echo $! >"$WORK/kcat-lat.pid"; wait ) |
  python3 -u -c '
import re, sys, time
pat = re.compile(r"\"event_id\":\"lat-(\d+)-")
for line in sys.stdin:
    now = time.time_ns()
    m = pat.search(line)
    if m:
        print(m.group(1), (now - int(m.group(1))) / 1e6, flush=False)
' >"$WORK/lat-ms.txt" &
CPID=$!
sleep 2
python3 - "$INPUT" "$RATE" "$SECONDS_LAT" <<'PY' | kcat -P -b "$B" -t "$IN2" -X linger.ms=1
import json, sys, time
lines = [l for l in open(sys.argv[1], encoding="utf-8", errors="surrogateescape").read().splitlines()[:50000]]
rate, secs = int(sys.argv[2]), float(sys.argv[3])
tick = 0.005
per_tick = max(1, int(rate * tick))
out = sys.stdout
start = time.time()
n = 0
while time.time() - start < secs:
    t = time.time_ns()
    buf = []
    for _ in range(per_tick):
        l = lines[n % len(lines)]
        # event_id carries the send time; invalid lines are kept as they are
        i = l.find('"event_id":"')
        if i >= 0:
            j = l.find('"', i + 12)
            l = l[:i + 12] + "lat-%d-%d" % (t, n) + l[j:]
        buf.append(l)
        n += 1
    out.write("\n".join(buf) + "\n")
    out.flush()
    target = start + (n / rate)
    d = target - time.time()
    if d > 0:
        time.sleep(d)
print("sent %d events in %.1f s" % (n, time.time() - start), file=sys.stderr)
PY
sleep 3
kill "$(cat "$WORK/kcat-lat.pid")" 2>/dev/null || true
wait $CPID 2>/dev/null || true
kill -TERM $NPID; wait $NPID || true; NPID=""
read -r NLAT P50 P99 PMAX < <(python3 - "$WORK/lat-ms.txt" "$WARMUP_LAT" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
# Events sent in the first WARMUP_LAT seconds (connections, first fetches, cold caches) are left
# out; the rest were sent at the steady rate.
first = min((int(r[0]) for r in rows), default=0)
cut = first + float(sys.argv[2]) * 1e9
v = sorted(float(r[1]) for r in rows if int(r[0]) >= cut)
if not v:
    print(0, 0, 0, 0)
else:
    q = lambda p: v[min(len(v) - 1, int(p * len(v)))]
    print(len(v), round(q(0.50), 1), round(q(0.99), 1), round(v[-1], 1))
PY
)
log "[$MODE] latency at $RATE events/s for $SECONDS_LAT s: $NLAT alerts after a $WARMUP_LAT s warm-up, produce-to-alert p50 $P50 ms, p99 $P99 ms, max $PMAX ms"
SUMMARY+=("mode=$MODE kcat_msgs_per_s=$KCAT_RATE netra_events_per_s=$NETRA_RATE ratio_pct=$RATIO latency_p50_ms=$P50 latency_p99_ms=$P99 alerts=$ALERTS events=$EVENTS")
done
for line in "${SUMMARY[@]}"; do
  if [ "$MODES" = at_least_once ]; then echo "${line#mode=at_least_once }"; else echo "$line"; fi
done
