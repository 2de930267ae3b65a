#!/usr/bin/env bash
# Honest readiness on a real broker (issue 15, defect 4): ready means "the broker answered
# recently and partitions are assigned". The broker hangs (SIGSTOP): /readyz turns 503 and
# netra_kafka_broker_up 0; it resumes (SIGCONT): /readyz 200 and broker_up 1 again and the events
# fed meanwhile are all processed, without restarting netra.
#
#   tests/integration/readiness.sh BUILD_DIR
# Environment: KAFKA_LOCAL_DIR (reuse that broker).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
it_init readiness "${1:-}"
it_broker

IN="rd-in-$RUN_ID"; AL="rd-alerts-$RUN_ID"; DL="rd-dead-$RUN_ID"; G="rd-group-$RUN_ID"
topic "$IN" 4; topic "$AL" 4; topic "$DL" 4
gen_input "$WORK/input.ndjson" 2000
TOTAL=$((VALID + INVALID))
start_netra ready --set "kafka.input_topics=$IN" --set "kafka.alert_topic=$AL" \
  --set "kafka.dead_letter_topic=$DL" --set "kafka.group_id=$G" || exit 1
check "/readyz 200 once partitions are assigned" wait_for 60 is_ready
broker_up() { [ "$(metric "$PORT" netra_kafka_broker_up)" = "$1" ]; }
check "netra_kafka_broker_up 1" wait_for 10 broker_up 1

kill -STOP "$BROKER_PID"
t0=$SECONDS
check "broker hung (SIGSTOP): /readyz 503" wait_for 30 bash -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 http://127.0.0.1:$PORT/readyz)\" = 503 ]"
echo "     (503 after $((SECONDS - t0)) s: $(curl -s --max-time 3 "http://127.0.0.1:$PORT/readyz"))"
check "broker hung: netra_kafka_broker_up 0" wait_for 30 broker_up 0
kill -CONT "$BROKER_PID"
t0=$SECONDS
check "broker resumed (SIGCONT): /readyz 200 again without a restart" wait_for 60 is_ready
echo "     (200 again after $((SECONDS - t0)) s)"
check "broker resumed: netra_kafka_broker_up 1" wait_for 30 broker_up 1
kcat -P -b "$B" -t "$IN" -l "$WORK/input.ndjson"
check "events fed after the hang are all processed and committed" wait_for 60 offsets_done "$G" "$IN" "$TOTAL"
check "the same netra process all along" kill -0 "$NETRA_PID"
kill -TERM "$NETRA_PID"; wait "$NETRA_PID"; rc=$?
check "stops cleanly (rc $rc)" [ "$rc" -eq 0 ]
