#include "daemon/log.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>

namespace netra::daemon::log {
namespace {

// 2024-01-12T01:15:00.123Z
constexpr long long kTs = 1705022100123LL;

TEST(Log, JsonLineIsOneObjectWithTsLevelMsgAndFields) {
  std::string line = format_line(Format::json, Level::warn, kTs, "bad \"x\"\n\tnext\x01",
                                 {{"config", "/etc/netra/netra.yaml"}, {"workers", "4"}});
  ASSERT_FALSE(line.empty());
  EXPECT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1);  // one line, whatever the message holds
  simdjson::dom::parser parser;
  simdjson::dom::object o;
  ASSERT_EQ(parser.parse(line).get(o), simdjson::SUCCESS) << line;
  std::string_view v;
  ASSERT_EQ(o["ts"].get(v), simdjson::SUCCESS);
  EXPECT_EQ(v, "2024-01-12T01:15:00.123Z");
  ASSERT_EQ(o["level"].get(v), simdjson::SUCCESS);
  EXPECT_EQ(v, "warn");
  ASSERT_EQ(o["msg"].get(v), simdjson::SUCCESS);
  EXPECT_EQ(v, "bad \"x\"\n\tnext\x01");
  ASSERT_EQ(o["config"].get(v), simdjson::SUCCESS);
  EXPECT_EQ(v, "/etc/netra/netra.yaml");
  ASSERT_EQ(o["workers"].get(v), simdjson::SUCCESS);
  EXPECT_EQ(v, "4");
}

TEST(Log, JsonLineRepairsInvalidUtf8) {
  std::string line = format_line(Format::json, Level::error, kTs, "caf\xff", {});
  simdjson::dom::parser parser;
  simdjson::dom::object o;
  ASSERT_EQ(parser.parse(line).get(o), simdjson::SUCCESS) << line;
  std::string_view v;
  ASSERT_EQ(o["msg"].get(v), simdjson::SUCCESS);
  EXPECT_EQ(v, "caf\xEF\xBF\xBD");
}

TEST(Log, TextLine) {
  EXPECT_EQ(format_line(Format::text, Level::info, kTs, "starting", {{"config", "a.yaml"}}),
            "2024-01-12T01:15:00.123Z INFO  starting config=a.yaml\n");
  EXPECT_EQ(format_line(Format::text, Level::error, kTs, "x", {}),
            "2024-01-12T01:15:00.123Z ERROR x\n");
}

TEST(Log, FormatNames) {
  EXPECT_TRUE(set_format_by_name("json"));
  EXPECT_TRUE(set_format_by_name("text"));
  EXPECT_TRUE(set_format_by_name(""));
  EXPECT_FALSE(set_format_by_name("yaml"));
}

}  // namespace
}  // namespace netra::daemon::log
