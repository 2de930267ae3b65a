#pragma once
// A view of one input event (contract §1), parsed with simdjson On-Demand.
// The string_views point into the parser's buffers and live until the next parse.
#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/invalid_reason.h"

namespace netra::engine {

enum class Platform : uint8_t { x, facebook, instagram, tiktok, youtube, whatsapp, threads, other };
enum class Action : uint8_t {
  post,
  comment,
  reply,
  like,
  share,
  repost,
  follow,
  join_group,
  sticker_share,
  photo_upload,
  story,
  profile_update,
};
constexpr int kActionCount = 12;

std::string_view platform_name(Platform p);
std::string_view action_name(Action a);
bool parse_platform(std::string_view s, Platform& out);
bool parse_action(std::string_view s, Action& out);

struct MediaView {
  std::string_view type, caption, ocr_text, sha256;
};

struct EventView {
  std::string_view event_id;
  Platform platform = Platform::other;
  Action action = Action::post;
  std::string_view ts;
  int64_t ts_unix = 0;        // seconds since the epoch, UTC
  int ts_offset_minutes = 0;  // the offset written in ts
  std::string_view actor_account_id, actor_handle, actor_display_name, actor_nip, actor_agency,
      actor_region_code;
  std::string_view target_account_id, target_handle, target_display_name;
  std::string_view group_id, group_name;
  std::string_view text, url;
  std::vector<std::string_view> hashtags, mentions;
  std::vector<MediaView> media;

  void clear();
};

// Parses RFC 3339 with a mandatory offset ("Z" or ±hh:mm).
bool parse_rfc3339(std::string_view s, int64_t& unix_seconds, int& offset_minutes);

// Parses `bytes` (padded: it must have SIMDJSON_PADDING readable bytes after
// its end) into `out`. Returns no reason (InvalidKind::none) when valid, else
// invalid_json, not_an_object, missing_field, wrong_type or bad_enum (these
// three with the field's name), bad_timestamp. Never throws.
InvalidReason parse_event(simdjson::ondemand::parser& parser, std::string_view padded_bytes,
                          EventView& out);

// Replaces every invalid UTF-8 sequence in `in` by U+FFFD. Returns true when
// anything was replaced.
bool repair_utf8(std::string_view in, std::string& out);

}  // namespace netra::engine
