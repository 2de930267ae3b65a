#pragma once
// The pure pipeline: one event's bytes in, zero or more alerts out.
// No I/O, no exceptions, no locks. One Worker per thread; a RuleSet is
// immutable and shared, and a reload swaps in a new one.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/invalid_reason.h"
#include "engine/ruleset.h"
#include "engine/source.h"

namespace netra::engine {

enum class Outcome : uint8_t {
  alerted,  // an ASN event that fired one or more rules
  clean,    // an ASN event that fired nothing
  not_asn,  // valid, but the actor is not a civil servant: counted, never alerted
  invalid,  // dead-lettered; see Output::reason
};
std::string_view outcome_name(Outcome o);

struct AlertRecord {
  std::string key;       // Kafka message key: the terlapor's account id
  std::string json;      // contract §5, one line, no trailing newline
  std::string rule_id;   // for metrics
  std::string severity;  // low | medium | high | critical
  std::string region;    // province code (2 digits) of the terlapor, or "unknown"
};

// A would-be alert that an exception or a negation suppressed
// (docs/decisions/0016-negation-scope.md).
struct SuppressedRecord {
  std::string key;      // the terlapor's account id
  std::string rule_id;  // for metrics
  std::string reason;   // the exception list or scope list that suppressed it
  std::string json;     // the alert with "suppressed_by", when the worker keeps them
};

// Reused across events by one worker; process() resets it.
struct Output {
  Outcome outcome = Outcome::clean;
  InvalidReason reason;        // for invalid: e.g. {missing_field, "actor.account_id"}
  std::string_view platform;   // the event's platform/action, "unknown" when invalid
  std::string_view action;     // (static names: valid for the life of the program)
  bool utf8_repaired = false;  // invalid UTF-8 was replaced by U+FFFD before parsing
  std::vector<AlertRecord> alerts;
  size_t alert_count = 0;  // alerts[0, alert_count) are this event's
  std::vector<SuppressedRecord> suppressed;
  size_t suppressed_count = 0;  // suppressed[0, suppressed_count) are this event's
};

class Worker {
 public:
  explicit Worker(std::shared_ptr<const RuleSet> rules);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Whether suppressed alerts are written out in full (SuppressedRecord::json);
  // their rule and reason are always given. Off by default.
  void keep_suppressed(bool on);

  // Swap in a new rule set (between events). Cheap.
  void set_rules(std::shared_ptr<const RuleSet> rules);
  const RuleSet& rules() const;

  // Classifies one event. `now` is the detection time (injected for tests);
  // `source` (null for files) is where it was read, for the alert's `source`.
  void process(std::string_view bytes, const Source* source,
               std::chrono::system_clock::time_point now, Output& out);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace netra::engine
