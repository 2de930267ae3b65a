#include "daemon/kafka_stats.h"

#include <gtest/gtest.h>

namespace netra::daemon {
namespace {

// Trimmed from a real librdkafka 2.0.2 consumer statistics payload.
const char kStats[] = R"({
  "name": "rdkafka#consumer-1", "type": "consumer", "ts": 1, "time": 2,
  "brokers": {
    "127.0.0.1:9092/bootstrap": {"name": "127.0.0.1:9092/bootstrap", "nodeid": -1, "state": "UP"},
    "GroupCoordinator": {"name": "GroupCoordinator", "nodeid": -1, "state": "UP"},
    "127.0.0.1:9092/1": {"name": "127.0.0.1:9092/1", "nodeid": 1, "state": "UP"}
  },
  "topics": {
    "events": {"topic": "events", "partitions": {
      "0": {"partition": 0, "fetch_state": "active", "consumer_lag": 12, "hi_offset": 100},
      "1": {"partition": 1, "fetch_state": "active", "consumer_lag": -1},
      "2": {"partition": 2, "fetch_state": "none", "consumer_lag": 7},
      "-1": {"partition": -1, "fetch_state": "none", "consumer_lag": -1}
    }}
  }
})";

TEST(KafkaStats, LagAndBrokers) {
  KafkaStats s;
  ASSERT_TRUE(parse_kafka_stats(kStats, s));
  EXPECT_TRUE(s.broker_up);
  EXPECT_EQ(s.brokers, 1);
  ASSERT_EQ(s.lags.size(), 1u);
  EXPECT_EQ(s.lags[0].topic, "events");
  EXPECT_EQ(s.lags[0].partition, 0);
  EXPECT_EQ(s.lags[0].lag, 12);
}

TEST(KafkaStats, BrokerDown) {
  KafkaStats s;
  ASSERT_TRUE(parse_kafka_stats(
      R"({"brokers": {"b/1": {"nodeid": 1, "state": "TRY_CONNECT"}}, "topics": {}})", s));
  EXPECT_FALSE(s.broker_up);
  EXPECT_EQ(s.brokers, 1);
}

TEST(KafkaStats, Garbage) {
  KafkaStats s;
  EXPECT_FALSE(parse_kafka_stats("not json", s));
  EXPECT_FALSE(parse_kafka_stats("[1,2]", s));
}

}  // namespace
}  // namespace netra::daemon
