#!/usr/bin/env bash
# A permanently refused alert on a real broker (issue 15, defect 5): the alert topic accepts no
# record as large as an alert (max.message.bytes=200). netra tells the permanent error from a
# transient one: it stops consuming and exits 4 by itself, logs the reason once with a count
# (no flood), and commits nothing past the refused events: once the topic accepts alerts again,
# a restart produces every alert netra scan gives (0 missing).
#
#   tests/integration/refused_topic.sh BUILD_DIR
# Environment: KAFKA_LOCAL_DIR (reuse that broker).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
it_init refused "${1:-}"
it_broker

IN="rf-in-$RUN_ID"; AL="rf-alerts-$RUN_ID"; DL="rf-dead-$RUN_ID"; G="rf-group-$RUN_ID"
topic "$IN" 4; topic "$DL" 4
java -cp "$CP" org.apache.kafka.tools.TopicCommand --bootstrap-server "$B" --create --topic "$AL" \
  --partitions 4 --replication-factor 1 --config max.message.bytes=200 >>"$WORK/topics.log" 2>&1
gen_input "$WORK/input.ndjson" 3000
TOTAL=$((VALID + INVALID))
kcat -P -b "$B" -t "$IN" -l "$WORK/input.ndjson"
RUN=(--set "kafka.input_topics=$IN" --set "kafka.alert_topic=$AL" --set "kafka.dead_letter_topic=$DL"
  --set "kafka.group_id=$G" --set shutdown.timeout_seconds=5)
start_netra refused "${RUN[@]}" || exit 1
for _ in $(seq 1 300); do kill -0 "$NETRA_PID" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$NETRA_PID" 2>/dev/null; then
  refused_ready="$(readyz)"
  kill -TERM "$NETRA_PID"; wait "$NETRA_PID"; rc=$?
  fail "netra did not stop by itself within 60 s (/readyz $refused_ready, exit $rc after SIGTERM)"
else
  wait "$NETRA_PID"; rc=$?
  ok "netra stopped by itself"
fi
LOG="$WORK/run-refused.log"
check "exit code 4, alerts refused for good (rc $rc)" [ "$rc" = 4 ]
lines="$(grep -c "refused" "$LOG")"
check "the refusal is logged once per reason, not per record ($lines lines mention it)" [ "$lines" -le 4 ]
check "the log names the reason and the count" grep -q "refused.*MSG_SIZE_TOO_LARGE.*[0-9]" "$LOG"
read -r committed end nc <<<"$(group_offsets "$G" "$IN")"
check "nothing committed past the refused events ($committed of $TOTAL committed)" [ "$committed" -lt "$TOTAL" ]

# The topic accepts alerts again: a restart re-reads and produces every alert.
java -cp "$CP" kafka.admin.ConfigCommand --bootstrap-server "$B" --alter --entity-type topics \
  --entity-name "$AL" --add-config max.message.bytes=1048588 >>"$WORK/topics.log" 2>&1
start_netra again "${RUN[@]}" || exit 1
check "after the fix, committed offsets cover all $TOTAL events" wait_for 90 offsets_done "$G" "$IN" "$TOTAL"
alert_ids "$AL" | sort -u >"$WORK/ids.txt"
check "after the fix, no alert missing (same ids as netra scan)" [ "$(comm -13 "$WORK/ids.txt" "$WORK/input.ndjson.ids" | wc -l)" -eq 0 ]
kill -TERM "$NETRA_PID"; wait "$NETRA_PID"; rc=$?
check "the restarted netra stops cleanly (rc $rc)" [ "$rc" -eq 0 ]
