#pragma once
// Why an event is invalid (dead-lettered): a kind and, for some kinds, the
// contract field it concerns. The metric label is the kind's name; the text
// in dead-letter records and logs is "kind" or "kind:field" (contract,
// "Invalid reasons").
#include <cstdint>
#include <string>
#include <string_view>

namespace netra::engine {

enum class InvalidKind : uint8_t {
  none,  // the event is valid
  too_large,
  invalid_json,
  not_an_object,
  missing_field,  // with the field
  wrong_type,     // with the field
  bad_enum,       // with the field
  bad_timestamp,
};
inline constexpr int kInvalidKindCount = 8;

// "invalid_json", "missing_field", ...: the `reason` label of
// netra_dead_letter_total (docs/metrics.md). "none" for InvalidKind::none.
std::string_view invalid_kind_name(InvalidKind kind);

struct InvalidReason {
  InvalidKind kind = InvalidKind::none;
  std::string_view field;  // "actor.account_id", "media.type": a static name, or empty

  explicit operator bool() const { return kind != InvalidKind::none; }
  bool operator==(const InvalidReason&) const = default;
  std::string_view label() const { return invalid_kind_name(kind); }
  // "missing_field:actor.account_id", "invalid_json"; "" when valid.
  std::string str() const;
};

}  // namespace netra::engine
