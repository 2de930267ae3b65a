// Worker::process: the per-event pipeline's orchestrator. Each stage lives in
// its own file and shares the per-event state of engine/event_state.h.
#include "engine/engine.h"

#include <simdjson.h>

#include "engine/event_state.h"

namespace netra::engine {

std::string_view outcome_name(Outcome o) {
  switch (o) {
    case Outcome::alerted:
      return "alerted";
    case Outcome::clean:
      return "clean";
    case Outcome::not_asn:
      return "not_asn";
    case Outcome::invalid:
      return "invalid";
  }
  return "unknown";
}

void EventState::set_rules(const RuleSetData& rules) {
  data = &rules;
  scratch = std::make_unique<matchers::Scratch>(*rules.patterns);
}

struct Worker::Impl {
  std::shared_ptr<const RuleSet> rules;
  simdjson::ondemand::parser parser;
  std::string buffer;    // the event's bytes with simdjson's padding
  std::string repaired;  // the event with invalid UTF-8 replaced
  EventState state;
  bool keep_suppressed = false;
  AlertRecord suppressed_alert;  // a suppressed alert being written

  void set_rules(std::shared_ptr<const RuleSet> r) {
    rules = std::move(r);
    state.set_rules(rules->data());
  }

  // Parses `bytes` (a BOM removed) into state.event. simdjson validates UTF-8
  // while it indexes the document, so the separate check runs only when the
  // parse failed, to tell bad UTF-8 from bad JSON.
  InvalidReason parse(std::string_view bytes, bool& utf8_repaired) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    auto parse_padded = [&](std::string_view b) {
      buffer.assign(b);
      buffer.append(simdjson::SIMDJSON_PADDING, '\0');
      return parse_event(parser, std::string_view(buffer.data(), b.size()), state.event);
    };
    InvalidReason reason = parse_padded(bytes);
    if (reason.kind == InvalidKind::invalid_json &&
        !simdjson::validate_utf8(bytes.data(), bytes.size())) {
      repair_utf8(bytes, repaired);
      utf8_repaired = true;
      reason = parse_padded(repaired);
    }
    return reason;
  }
};

Worker::Worker(std::shared_ptr<const RuleSet> rules) : impl_(std::make_unique<Impl>()) {
  impl_->set_rules(std::move(rules));
}
Worker::~Worker() = default;
void Worker::set_rules(std::shared_ptr<const RuleSet> rules) { impl_->set_rules(std::move(rules)); }
void Worker::keep_suppressed(bool on) { impl_->keep_suppressed = on; }
const RuleSet& Worker::rules() const { return *impl_->rules; }

void Worker::process(std::string_view bytes, const Source* source,
                     std::chrono::system_clock::time_point now, Output& out) {
  EventState& state = impl_->state;
  const RuleSetData& data = *state.data;
  out.outcome = Outcome::clean;
  out.reason = {};
  out.platform = "unknown";
  out.action = "unknown";
  out.utf8_repaired = false;
  out.alert_count = 0;
  out.suppressed_count = 0;

  if (bytes.size() > data.settings.max_event_bytes) {
    out.outcome = Outcome::invalid;
    out.reason = {InvalidKind::too_large, {}};
    return;
  }
  if (InvalidReason reason = impl_->parse(bytes, out.utf8_repaired)) {
    out.outcome = Outcome::invalid;
    out.reason = reason;
    return;
  }
  state.platform = platform_name(state.event.platform);
  out.platform = state.platform;
  out.action = action_name(state.event.action);

  if (!look_up_registries(state)) {
    out.outcome = Outcome::not_asn;
    return;
  }
  scan_event_fields(state);

  const int64_t now_s =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  Verdict verdict;
  state.scoped.clear();
  state.scoped_by.clear();
  for (const Rule& rule : data.rules) {
    const Decision decision = evaluate_rule(state, rule, verdict);
    if (decision == Decision::none) continue;
    if (decision == Decision::suppressed) {
      if (out.suppressed.size() <= out.suppressed_count) out.suppressed.emplace_back();
      SuppressedRecord& record = out.suppressed[out.suppressed_count++];
      record.rule_id = rule.id;
      record.reason = verdict.suppressed_by;
      record.key = state.event.actor_account_id;
      record.json.clear();
      if (impl_->keep_suppressed) {
        AlertRecord& alert = impl_->suppressed_alert;
        write_alert(state, verdict, source, out.utf8_repaired, now_s, alert);
        record.json.swap(alert.json);
      }
      continue;
    }
    if (out.alerts.size() <= out.alert_count) out.alerts.emplace_back();
    write_alert(state, verdict, source, out.utf8_repaired, now_s, out.alerts[out.alert_count++]);
  }
  out.outcome = out.alert_count ? Outcome::alerted : Outcome::clean;
}

}  // namespace netra::engine
