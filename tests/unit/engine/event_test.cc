#include "engine/event.h"

#include <gtest/gtest.h>

#include <string>

namespace netra::engine {
namespace {

std::string parse(const std::string& json, EventView& ev, simdjson::ondemand::parser& p) {
  static std::string buf;
  buf = json;
  buf.append(simdjson::SIMDJSON_PADDING, '\0');
  return parse_event(p, std::string_view(buf.data(), json.size()), ev).str();
}

const std::string kOk =
    R"({"event_id":"e1","platform":"instagram","action":"comment","ts":"2024-01-12T08:15:00+07:00",)"
    R"("actor":{"account_id":"a1","nip":"198503122010011002","handle":"@a"},)"
    R"("target":{"account_id":"t1"},"group":{"id":"g","name":"G"},"text":"halo",)"
    R"("hashtags":["#x","y"],"media":[{"type":"image","caption":"c","sha256":"ab"}],"extra":{"k":[1,2]}})";

TEST(Event, ParsesEveryContractField) {
  simdjson::ondemand::parser p;
  EventView ev;
  ASSERT_EQ(parse(kOk, ev, p), "");
  EXPECT_EQ(ev.event_id, "e1");
  EXPECT_EQ(ev.platform, Platform::instagram);
  EXPECT_EQ(ev.action, Action::comment);
  EXPECT_EQ(ev.actor_nip, "198503122010011002");
  EXPECT_EQ(ev.target_account_id, "t1");
  EXPECT_EQ(ev.group_name, "G");
  ASSERT_EQ(ev.hashtags.size(), 2u);
  EXPECT_EQ(ev.hashtags[1], "y");
  ASSERT_EQ(ev.media.size(), 1u);
  EXPECT_EQ(ev.media[0].caption, "c");
  EXPECT_EQ(ev.ts_offset_minutes, 420);
  EXPECT_EQ(ev.ts_unix, 1705022100);  // 2024-01-12T01:15:00Z
}

TEST(Event, KeysWithEscapesAreUnescaped) {
  // Keys are compared as written; a key with an escape still names its field.
  simdjson::ondemand::parser p;
  EventView ev;
  const std::string json =
      R"({"event\u005fid":"e2","platform":"x","action":"post","t\u0073":"2024-01-12T08:15:00Z",)"
      R"("act\u006fr":{"account\u005fid":"a9","nip":"1"},"text":"hai","te\"xt":"no","url":"u"})";
  ASSERT_EQ(parse(json, ev, p), "");
  EXPECT_EQ(ev.event_id, "e2");
  EXPECT_EQ(ev.actor_account_id, "a9");
  EXPECT_EQ(ev.text, "hai");
  EXPECT_EQ(ev.url, "u");
  // A key that only starts like a known one is another key.
  ASSERT_EQ(parse(R"({"event_idx":"e","platform":"x","action":"post","ts":"2024-01-12T08:15:00Z",)"
                  R"("actor":{"account_id":"a"}})",
                  ev, p),
            "missing_field:event_id");
}

TEST(Event, ReasonsAreTyped) {
  simdjson::ondemand::parser p;
  EventView ev;
  std::string buf =
      R"({"event_id":"e","platform":"x","action":"post","ts":"2024-01-01T00:00:00Z","actor":{}})";
  const size_t n = buf.size();
  buf.append(simdjson::SIMDJSON_PADDING, '\0');
  const InvalidReason reason = parse_event(p, std::string_view(buf.data(), n), ev);
  EXPECT_EQ(reason.kind, InvalidKind::missing_field);
  EXPECT_EQ(reason.field, "actor.account_id");
  EXPECT_EQ(reason.label(), "missing_field");  // the metric label: no field, no parsing
  EXPECT_TRUE(static_cast<bool>(reason));
  EXPECT_FALSE(static_cast<bool>(InvalidReason{}));
  EXPECT_EQ(InvalidReason{}.str(), "");
  // Every kind has its own label, and a reason without a field is its label.
  for (int k = 1; k < kInvalidKindCount; ++k) {
    const auto kind = static_cast<InvalidKind>(k);
    EXPECT_NE(invalid_kind_name(kind), "none");
    EXPECT_EQ((InvalidReason{kind, {}}).str(), invalid_kind_name(kind));
    for (int j = 1; j < k; ++j)
      EXPECT_NE(invalid_kind_name(static_cast<InvalidKind>(j)), invalid_kind_name(kind));
  }
}

TEST(Event, ReasonsAreExact) {
  simdjson::ondemand::parser p;
  EventView ev;
  EXPECT_EQ(parse("{\"event_id\":", ev, p), "invalid_json");
  EXPECT_EQ(parse("\"just a string\"", ev, p), "not_an_object");
  EXPECT_EQ(parse("nonsense", ev, p), "invalid_json");
  EXPECT_EQ(
      parse(
          R"({"platform":"x","action":"post","ts":"2024-01-01T00:00:00Z","actor":{"account_id":"a"}})",
          ev, p),
      "missing_field:event_id");
  EXPECT_EQ(
      parse(
          R"({"event_id":"e","platform":"x","action":"post","ts":"2024-01-01T00:00:00Z","actor":{}})",
          ev, p),
      "missing_field:actor.account_id");
  EXPECT_EQ(
      parse(
          R"({"event_id":"e","platform":"x","action":"post","ts":"2024-01-01T00:00:00Z","actor":{"account_id":1}})",
          ev, p),
      "wrong_type:actor.account_id");
  EXPECT_EQ(
      parse(
          R"({"event_id":"e","platform":"x","action":"post","ts":"2024-01-01T00:00:00Z","actor":"a"})",
          ev, p),
      "wrong_type:actor");
  EXPECT_EQ(
      parse(
          R"({"event_id":"e","platform":"orkut","action":"post","ts":"2024-01-01T00:00:00Z","actor":{"account_id":"a"}})",
          ev, p),
      "bad_enum:platform");
  EXPECT_EQ(
      parse(
          R"({"event_id":"e","platform":"x","action":"wink","ts":"2024-01-01T00:00:00Z","actor":{"account_id":"a"}})",
          ev, p),
      "bad_enum:action");
  EXPECT_EQ(
      parse(
          R"({"event_id":"e","platform":"x","action":"post","ts":"2024-01-01 00:00","actor":{"account_id":"a"}})",
          ev, p),
      "bad_timestamp");
  EXPECT_EQ(
      parse(
          R"({"event_id":"e","platform":"x","action":"post","ts":"2024-01-01T00:00:00Z","actor":{"account_id":"a"},"hashtags":"x"})",
          ev, p),
      "wrong_type:hashtags");
  EXPECT_EQ(
      parse(
          R"({"event_id":"e","platform":"x","action":"post","ts":"2024-01-01T00:00:00Z","actor":{"account_id":"a"},"media":[{"type":"gif"}]})",
          ev, p),
      "bad_enum:media.type");
}

// Issue 15 defect 7: invalid JSON that On-Demand used to skip without looking is dead-lettered.
TEST(Event, StrictJson) {
  simdjson::ondemand::parser p;
  EventView ev;
  // The valid event, with unread fields of every kind, still parses.
  const std::string head =
      R"({"event_id":"e","platform":"x","action":"post","ts":"2024-01-01T00:00:00Z",)"
      R"("actor":{"account_id":"a")";
  ASSERT_EQ(
      parse(head + R"(,"n":-0.5e+3,"z":0,"f":false},"x":[true,null,{"k":-12}],"y":0})", ev, p), "");
  ASSERT_EQ(parse(head + "}}  \n ", ev, p), "");  // trailing whitespace is allowed
  // Two documents on one line, or anything after the object.
  EXPECT_EQ(parse(head + "}}" + head + "}}", ev, p), "invalid_json");
  EXPECT_EQ(parse(head + "}}{}", ev, p), "invalid_json");
  EXPECT_EQ(parse(head + "}} 1", ev, p), "invalid_json");
  EXPECT_EQ(parse(head + "}}]", ev, p), "invalid_json");
  EXPECT_EQ(parse(head + R"(}} "x")", ev, p), "invalid_json");
  // Leading zeros and other bad numbers in fields Netra does not read, at any depth.
  for (const char* bad : {"0123", "-01", "00", "1.", "-", "01.5", "1e", ".5", "+1"}) {
    SCOPED_TRACE(bad);
    EXPECT_EQ(parse(head + "},\"views\":" + bad + "}", ev, p), "invalid_json");
    EXPECT_EQ(parse(head + ",\"age\":" + bad + "}}", ev, p), "invalid_json");
    EXPECT_EQ(parse(head + "},\"meta\":{\"a\":[1,{\"b\":[" + bad + "]}]}}", ev, p), "invalid_json");
    EXPECT_EQ(parse(head + "},\"media\":[{\"type\":\"image\",\"w\":" + bad + "}]}", ev, p),
              "invalid_json");
  }
  // Misspelt literals, read or not.
  EXPECT_EQ(parse(head + R"(},"seen":tru})", ev, p), "invalid_json");
  EXPECT_EQ(parse(head + R"(},"text":nul})", ev, p), "invalid_json");
  EXPECT_EQ(parse(head + R"(},"hashtags":nulll})", ev, p), "invalid_json");
  // A number where a string belongs is the wrong type only when it is a valid number.
  EXPECT_EQ(parse(head + R"(},"text":12})", ev, p), "wrong_type:text");
  EXPECT_EQ(parse(head + R"(},"text":012})", ev, p), "invalid_json");
  EXPECT_EQ(parse(head + R"(},"hashtags":["a",012]})", ev, p), "invalid_json");
  EXPECT_EQ(parse(head + R"(},"target":012})", ev, p), "invalid_json");
}

TEST(Event, Rfc3339) {
  int64_t t;
  int off;
  EXPECT_TRUE(parse_rfc3339("2024-02-29T23:59:60Z", t, off));
  EXPECT_TRUE(parse_rfc3339("2024-01-12T08:15:00.123-03:30", t, off));
  EXPECT_EQ(off, -210);
  EXPECT_FALSE(parse_rfc3339("2023-02-29T00:00:00Z", t, off));
  EXPECT_FALSE(parse_rfc3339("2024-01-12T08:15:00", t, off));
  EXPECT_FALSE(parse_rfc3339("2024-01-12T25:15:00Z", t, off));
  EXPECT_FALSE(parse_rfc3339("2024-01-12T08:15:00+0700", t, off));
}

TEST(Event, RepairUtf8ReplacesOnlyBadBytes) {
  std::string out;
  EXPECT_FALSE(repair_utf8("caf\xc3\xa9 ok", out));
  EXPECT_EQ(out, "caf\xc3\xa9 ok");
  EXPECT_TRUE(
      repair_utf8("a\xff"
                  "b\xc3",
                  out));
  EXPECT_EQ(out,
            "a\xef\xbf\xbd"
            "b\xef\xbf\xbd");
  EXPECT_TRUE(repair_utf8("\xed\xa0\x80", out));  // a surrogate is not UTF-8
  EXPECT_EQ(out, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
}

}  // namespace
}  // namespace netra::engine
