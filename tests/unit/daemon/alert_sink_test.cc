#include "daemon/alert_sink.h"

#include <gtest/gtest.h>

namespace netra::daemon {
namespace {

// Refusals no retry cures stop the daemon (exit 4); the rest stays at-least-once retrying
// (issue 15, defect 5).
TEST(AlertSink, PermanentProduceErrors) {
  for (auto err : {RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE,
                   RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED, RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION,
                   RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC})
    EXPECT_TRUE(permanent_produce_error(err)) << rd_kafka_err2name(err);
  for (auto err : {RD_KAFKA_RESP_ERR__PURGE_QUEUE, RD_KAFKA_RESP_ERR__PURGE_INFLIGHT,
                   RD_KAFKA_RESP_ERR__MSG_TIMED_OUT, RD_KAFKA_RESP_ERR__TRANSPORT,
                   RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS, RD_KAFKA_RESP_ERR__QUEUE_FULL,
                   RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION})
    EXPECT_FALSE(permanent_produce_error(err)) << rd_kafka_err2name(err);
}

}  // namespace
}  // namespace netra::daemon
