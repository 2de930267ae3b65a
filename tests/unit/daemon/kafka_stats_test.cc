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
      "0": {"partition": 0, "fetch_state": "active", "lo_offset": 0, "hi_offset": 100,
            "ls_offset": 100, "committed_offset": 88, "consumer_lag": 12},
      "1": {"partition": 1, "fetch_state": "active", "lo_offset": -1, "hi_offset": -1,
            "ls_offset": -1, "committed_offset": -1001, "consumer_lag": -1},
      "2": {"partition": 2, "fetch_state": "none", "hi_offset": 9, "committed_offset": 2,
            "consumer_lag": 7},
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

// Issue 15 defect 6: 10,080 events consumed and never committed showed a lag of 0, because
// librdkafka reports consumer_lag -1 while committed_offset is -1001 (none).
TEST(KafkaStats, NeverCommittedLagCountsFromLogStart) {
  KafkaStats s;
  ASSERT_TRUE(parse_kafka_stats(R"({"brokers": {}, "topics": {"events": {"partitions": {
      "3": {"partition": 3, "fetch_state": "active", "lo_offset": 20, "hi_offset": 10100,
            "ls_offset": 10100, "committed_offset": -1001, "stored_offset": -1001,
            "consumer_lag": -1, "consumer_lag_stored": -1},
      "4": {"partition": 4, "fetch_state": "active", "lo_offset": -1, "hi_offset": 50,
            "ls_offset": -1, "committed_offset": -1001, "consumer_lag": -1},
      "5": {"partition": 5, "fetch_state": "active", "lo_offset": 0, "hi_offset": 70,
            "ls_offset": 60, "committed_offset": 55, "consumer_lag": 5}
    }}}})",
                                s));
  ASSERT_EQ(s.lags.size(), 3u);
  EXPECT_EQ(s.lags[0].partition, 3);
  EXPECT_EQ(s.lags[0].lag, 10080);  // log start 20 to end 10100
  EXPECT_EQ(s.lags[1].partition, 4);
  EXPECT_EQ(s.lags[1].lag, 50);  // no log start or stable offset reported yet: 0 to hi 50
  EXPECT_EQ(s.lags[2].partition, 5);
  EXPECT_EQ(s.lags[2].lag, 5);  // committed 55 to the last stable offset 60
}

TEST(KafkaStats, BrokerDown) {
  KafkaStats s;
  ASSERT_TRUE(parse_kafka_stats(
      R"({"brokers": {"b/1": {"nodeid": 1, "state": "TRY_CONNECT"}}, "topics": {}})", s));
  EXPECT_FALSE(s.broker_up);
  EXPECT_EQ(s.brokers, 1);
}

// A hung broker keeps its connection UP: the time since its last answer tells it (defect 4).
TEST(KafkaStats, RxIdleOfTheFreshestUpBroker) {
  KafkaStats s;
  ASSERT_TRUE(parse_kafka_stats(R"({"brokers": {
      "boot": {"nodeid": -1, "state": "UP", "rxidle": 5},
      "b/1": {"nodeid": 1, "state": "UP", "rxidle": 12000000},
      "b/2": {"nodeid": 2, "state": "UP", "rxidle": 300000},
      "b/3": {"nodeid": 3, "state": "DOWN", "rxidle": 10}}, "topics": {}})",
                                s));
  EXPECT_TRUE(s.broker_up);
  EXPECT_EQ(s.rx_idle_us, 300000);
  ASSERT_TRUE(parse_kafka_stats(
      R"({"brokers": {"b/1": {"nodeid": 1, "state": "UP", "rxidle": -1}}, "topics": {}})", s));
  EXPECT_EQ(s.rx_idle_us, -1);
}

TEST(KafkaStats, Garbage) {
  KafkaStats s;
  EXPECT_FALSE(parse_kafka_stats("not json", s));
  EXPECT_FALSE(parse_kafka_stats("[1,2]", s));
}

}  // namespace
}  // namespace netra::daemon
