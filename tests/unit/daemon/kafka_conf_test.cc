#include "daemon/kafka_conf.h"

#include <gtest/gtest.h>

namespace netra::daemon {
namespace {

std::string get(rd_kafka_conf_t* conf, const char* name) {
  char buf[512];
  size_t size = sizeof buf;
  if (rd_kafka_conf_get(conf, name, buf, &size) != RD_KAFKA_CONF_OK) return "<unset>";
  return buf;
}

TEST(KafkaConf, EachRoleDropsTheOthersProperties) {
  EXPECT_TRUE(other_role_property(KafkaRole::producer, "group.id"));
  EXPECT_TRUE(other_role_property(KafkaRole::consumer, "linger.ms"));
  EXPECT_FALSE(other_role_property(KafkaRole::consumer, "group.id"));
  EXPECT_FALSE(other_role_property(KafkaRole::producer, "linger.ms"));
  EXPECT_FALSE(other_role_property(KafkaRole::consumer, "security.protocol"));
  EXPECT_FALSE(other_role_property(KafkaRole::producer, "security.protocol"));
}

TEST(KafkaConf, DefaultsThenUserThenForced) {
  const KafkaProps user = {{"client.id", "mine"},
                           {"enable.auto.commit", "true"},
                           {"linger.ms", "50"},  // producer only: not applied to the consumer
                           {"socket.timeout.ms", "12345"}};
  std::string error;
  rd_kafka_conf_t* conf =
      kafka_conf(KafkaRole::consumer, {{"client.id", "netra"}, {"socket.timeout.ms", "1000"}}, user,
                 {{"enable.auto.commit", {"false", "test"}}}, error);
  ASSERT_NE(conf, nullptr) << error;
  EXPECT_EQ(get(conf, "client.id"), "mine");
  EXPECT_EQ(get(conf, "socket.timeout.ms"), "12345");
  EXPECT_EQ(get(conf, "enable.auto.commit"), "false");
  rd_kafka_conf_destroy(conf);

  conf = kafka_conf(KafkaRole::producer, {{"linger.ms", "5"}}, user, {}, error);
  ASSERT_NE(conf, nullptr) << error;
  EXPECT_EQ(get(conf, "linger.ms"), "50");
  rd_kafka_conf_destroy(conf);
}

TEST(KafkaConf, RejectedPropertyNamesIt) {
  std::string error;
  rd_kafka_conf_t* conf =
      kafka_conf(KafkaRole::producer, {}, {{"no.such.property", "1"}}, {}, error);
  EXPECT_EQ(conf, nullptr);
  EXPECT_EQ(error.rfind("kafka.properties.no.such.property: ", 0), 0u) << error;
}

// `netra check` reports these with the property's file:line (issue 15, defect 5).
TEST(KafkaConf, PropertyProblem) {
  EXPECT_EQ(kafka_property_problem("session.timeout.ms", "10000"), "");
  EXPECT_EQ(kafka_property_problem("acks", "all"), "");  // topic-level: accepted too
  EXPECT_EQ(kafka_property_problem("sesion.timeout.ms", "10000"),
            "unknown librdkafka property 'sesion.timeout.ms'");
  EXPECT_EQ(kafka_property_problem("session.timeout.ms", "soon")
                .rfind("invalid value for librdkafka property 'session.timeout.ms': ", 0),
            0u);
}

}  // namespace
}  // namespace netra::daemon
