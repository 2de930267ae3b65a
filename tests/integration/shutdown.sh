#!/usr/bin/env bash
# Shutdown under faults on a real broker (issue 15, defects 2 and 3):
#  - SIGTERM at random moments of the first seconds (group join under way, a slow Java leader in
#    the group, events arriving): every try exits 0 or 3 (docs/operations.md), never 134 (abort);
#  - SIGTERM while the broker hangs (SIGSTOP): netra exits within shutdown.timeout_seconds (+2 s)
#    with 3, "deadline reached, uncommitted work will be re-read".
#
#   tests/integration/shutdown.sh BUILD_DIR
# Environment: KAFKA_LOCAL_DIR (reuse that broker), NETRA_IT_TRIES (SIGTERM tries, default 20).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
it_init shutdown "${1:-}"
it_broker
TRIES="${NETRA_IT_TRIES:-20}"

IN="sd-in-$RUN_ID"; AL="sd-alerts-$RUN_ID"; DL="sd-dead-$RUN_ID"; G="sd-group-$RUN_ID"
topic "$IN" 12; topic "$AL" 4; topic "$DL" 4
gen_input "$WORK/input.ndjson" 20000
COMMON=(--set "kafka.input_topics=$IN" --set "kafka.alert_topic=$AL" --set "kafka.dead_letter_topic=$DL"
  --set "kafka.group_id=$G" --set shutdown.timeout_seconds=5)

# ---- SIGTERM during the first group join -------------------------------------------------------
# The group's leader (SlowLeader.java, a Java consumer) takes 4 s to compute each assignment, so
# each try's first join has its JoinGroup answered and then waits for its first assignment for
# about 4 s: the window where librdkafka 2.0.2 aborted (issue 4312). SIGTERM lands at a random
# moment from 0.5 to 5 s after the HTTP port opened: before, during and after that window.
mkdir -p "$WORK/java"
javac -d "$WORK/java" -cp "$CP" "$REPO/tests/integration/SlowLeader.java" 2>"$WORK/javac.log" \
  || { fail "javac SlowLeader.java: $(head -3 "$WORK/javac.log")"; exit 1; }
GJ="sd-join-$RUN_ID"
java -cp "$CP:$WORK/java" SlowLeader "$B" "$GJ" "$IN" 4000 >"$WORK/leader.log" 2>&1 &
PIDS+=($!)
check "the slow leader owns the 12 partitions" wait_for 90 grep -q "assigned 12" "$WORK/leader.log"
feed "$WORK/input.ndjson" "$IN" 300
codes=""
aborts=0
for i in $(seq 1 "$TRIES"); do
  start_netra "try$i" "${COMMON[@]}" --set "kafka.group_id=$GJ" || { fail "try $i did not start"; continue; }
  # A third member (kcat) joins while the try waits for its first assignment: the try's SyncGroup
  # then fails (REBALANCE_IN_PROGRESS) and it joins again, its assignor state still unset.
  sleep 1.5
  kcat -b "$B" -G "$GJ" -X partition.assignment.strategy=cooperative-sticky \
    -X session.timeout.ms=6000 -q "$IN" >/dev/null 2>&1 &
  KCAT=$!
  sleep "$(python3 -c 'import random; print(round(random.uniform(0, 3.5), 2))')"
  kill -TERM "$NETRA_PID"
  wait "$NETRA_PID"
  rc=$?
  kill -TERM "$KCAT" 2>/dev/null; wait "$KCAT" 2>/dev/null
  codes="$codes $rc"
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
    aborts=$((aborts + 1))
    grep -h "assert" "$WORK/run-try$i.log" | head -1 | sed 's/^/     /'
  fi
done
check "SIGTERM at random moments of the first group join: $TRIES tries exit 0 or 3, never an abort (exit codes:$codes)" [ "$aborts" -eq 0 ]
kill -KILL "$FEEDER" 2>/dev/null

# ---- SIGTERM while the broker hangs -------------------------------------------------------------
start_netra hang "${COMMON[@]}" || exit 1
HANG=$NETRA_PID
wait_for 60 is_ready
feed "$WORK/input.ndjson" "$IN" 2000
events() { [ "$(metric "$PORT" netra_events_total)" -gt "$1" ]; }
check "netra consumes before the hang" wait_for 60 events 1000
# Frozen mid-stream: records in flight, offsets not yet committed.
kill -STOP "$BROKER_PID"
t0="$(now_ms)"
kill -TERM "$HANG"
# Bounded wait: a netra that blocks on the hung broker is killed after 20 s (FAIL below).
for _ in $(seq 1 100); do kill -0 "$HANG" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$HANG" 2>/dev/null; then
  kill -KILL "$HANG"
  rc=blocked
else
  wait "$HANG"; rc=$?
fi
ms=$(( $(now_ms) - t0 ))
kill -CONT "$BROKER_PID"
kill -KILL "$FEEDER" 2>/dev/null
check "broker hung: SIGTERM exits within shutdown.timeout_seconds=5 + 2 s (took $((ms / 1000)).$(( (ms % 1000) / 100 )) s)" [ "$ms" -le 7000 ]
check "broker hung: exit 3, deadline reached (rc $rc)" [ "$rc" = 3 ]
check "broker hung: the log says the uncommitted work will be re-read" grep -q "read again\|re-read" "$WORK/run-hang.log"
