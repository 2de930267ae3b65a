// Field gathering and scanning: which fields of the event carry evidence, and
// their hits (see event_state.h for the joined name groups).
#include <algorithm>

#include "engine/event_state.h"

namespace netra::engine {
namespace {

void add_hit(EventState& state, uint32_t pattern, uint16_t field, uint32_t start, uint32_t end,
             bool check_duplicate) {
  if (check_duplicate)
    for (const auto& h : state.hits)
      if (h.pattern == pattern && h.field == field && h.start == start && h.end == end) return;
  const RuleSetData::PatternFacts& facts = state.data->pattern_facts[pattern];
  // The ASN's own display name and position say nothing about the event:
  // "Nurul Aini" is also a KPU candidate's name, and that does not make the
  // "bowo" in her text a candidate. They are scanned for the rules that read
  // them (an official's position) but give no second signal.
  constexpr uint16_t kSignals = kPartySignal | kSupportSignal | kPartyNameSignal;
  const uint16_t signals =
      actor_field(state.fields[field].cls) ? facts.signals & ~kSignals : facts.signals;
  state.hits.push_back({pattern, field, start, end, facts.lists, signals});
}

// The fields of the event that some rule applicable to its action reads, and
// their name groups' joined texts.
void gather_fields(EventState& state) {
  const EventView& event = state.event;
  state.fields.clear();
  state.hits.clear();
  const uint16_t wanted = state.data->fields_for_action[static_cast<int>(event.action)];
  auto add = [&](FieldClass cls, int index, std::string_view value, int prefix = 0) {
    if (!value.empty() && (wanted & (1u << cls)))
      state.fields.push_back({cls, index, value, prefix});
  };
  add(kFieldText, -1, event.text);
  for (size_t i = 0; i < event.hashtags.size(); ++i)
    add(kFieldHashtags, static_cast<int>(i), event.hashtags[i],
        event.hashtags[i].substr(0, 1) == "#" ? 0 : 1);
  for (size_t i = 0; i < event.media.size(); ++i) {
    add(kFieldMediaCaption, static_cast<int>(i), event.media[i].caption);
    add(kFieldMediaOcr, static_cast<int>(i), event.media[i].ocr_text);
  }
  add(kFieldGroupName, -1, event.group_name);
  add(kFieldTargetDisplayName, -1, event.target_display_name);
  add(kFieldTargetHandle, -1, event.target_handle);
  if (state.asn) add(kFieldActorPosition, -1, state.asn->position);
  add(kFieldActorDisplayName, -1, event.actor_display_name);

  for (auto& group : state.name_groups) group.text.clear();
  state.name_base.assign(state.fields.size(), kNotName);
  for (size_t i = 0; i < state.fields.size(); ++i) {
    if (!joined_field(state.fields[i].cls)) continue;
    std::string& text = state.name_groups[name_group(state.fields[i].cls)].text;
    state.name_base[i] = static_cast<uint32_t>(text.size());
    text.append(state.fields[i].value).append(kNameSep);
  }
}

// Scans group `id`'s joined name fields (see kNameSep) into its hits; the
// deferred scan reuses the normalised texts.
void scan_names(EventState& state, NameGroupId id, bool deferred) {
  NameGroup& group = state.name_groups[id];
  if (group.text.empty()) return;
  const matchers::PatternSet& patterns = *state.data->patterns;
  if (!deferred) {
    matchers::normalise(group.text, group.norm[0], matchers::Leet::keep);
    group.leet = matchers::leet_fold(group.text, group.norm[0], group.norm[1]);
  }
  for (int pass = 0; pass < 1 + group.leet; ++pass) {
    const matchers::NormalisedText& norm = group.norm[pass];
    std::vector<matchers::Match>& out = group.hits[pass];
    out.clear();
    if (deferred) {
      patterns.scan_deferred(norm.text, out, &group.tokens[pass]);
    } else {
      state.full_parts.clear();
      for (size_t fi = 0; fi < state.fields.size(); ++fi) {
        const FieldRef& field = state.fields[fi];
        if (state.name_base[fi] == kNotName || field.cls != kFieldTargetHandle ||
            name_group(field.cls) != id)
          continue;
        // Its normalised bytes: those that came from its original bytes.
        auto at = [&](uint32_t original) {
          return static_cast<uint32_t>(
              std::lower_bound(norm.start.begin(), norm.start.end(), original) -
              norm.start.begin());
        };
        const uint32_t base = state.name_base[fi];
        state.full_parts.push_back(
            {at(base), at(base + static_cast<uint32_t>(field.value.size()))});
      }
      patterns.scan_joined(norm.text, state.full_parts, *state.scratch, out, &group.tokens[pass]);
    }
    for (auto& match : out) {
      match.start = norm.original_start(match.start);
      match.end = norm.original_end(match.end);
    }
  }
}

// The hits of name field fi from its group's scan, in the order a scan of
// the field alone gives them.
void add_name_hits(EventState& state, uint16_t fi, bool deferred) {
  const NameGroup& group = state.name_groups[name_group(state.fields[fi].cls)];
  const uint32_t base = state.name_base[fi];
  const auto size = static_cast<uint32_t>(state.fields[fi].value.size());
  for (int pass = 0; pass < 1 + group.leet; ++pass)
    for (const auto& match : group.hits[pass])
      if (match.start >= base && match.end <= base + size)
        add_hit(state, match.pattern, fi, match.start - base, match.end - base,
                pass == 1 || deferred);
}

// Normalises field fi (and its leet-folded form where that differs) into
// norms, then scans them; the deferred scan reuses those texts. Name fields
// take their hits from their group's scan.
void scan_field(EventState& state, uint16_t fi, bool deferred) {
  const FieldRef& field = state.fields[fi];
  if (state.name_base[fi] != kNotName) {
    if (!actor_field(field.cls)) add_name_hits(state, fi, deferred);
    return;
  }
  if (!deferred) {
    if (state.norms.size() < 2u * (fi + 1)) state.norms.resize(2u * (fi + 1));
    if (state.tokens.size() < 2u * (fi + 1)) state.tokens.resize(2u * (fi + 1));
    if (state.leet_pass.size() <= fi) state.leet_pass.resize(fi + 1u);
    std::string_view value = field.value;
    if (field.prefix) {
      state.scan_buffer.clear();
      state.scan_buffer.push_back('#');
      state.scan_buffer.append(value);
      value = state.scan_buffer;
    }
    matchers::normalise(value, state.norms[2u * fi], matchers::Leet::keep);
    // A second pass only where the leet rule changes the text.
    state.leet_pass[fi] =
        matchers::leet_fold(value, state.norms[2u * fi], state.norms[2u * fi + 1]);
  }
  const matchers::PatternSet& patterns = *state.data->patterns;
  for (int pass = 0; pass < 1 + state.leet_pass[fi]; ++pass) {
    const matchers::NormalisedText& norm = state.norms[2u * fi + pass];
    state.matches.clear();
    matchers::Tokens& tokens = state.tokens[2u * fi + pass];
    if (deferred)
      patterns.scan_deferred(norm.text, state.matches, &tokens);
    else
      patterns.scan(norm.text, *state.scratch, state.matches, &tokens);
    for (const auto& match : state.matches) {
      uint32_t start = norm.original_start(match.start), end = norm.original_end(match.end);
      if (field.prefix) {
        start = start > 0 ? start - 1 : 0;
        end = end > 0 ? end - 1 : 0;
        if (end <= start)
          end = std::min<uint32_t>(start + 1, static_cast<uint32_t>(field.value.size()));
      }
      add_hit(state, match.pattern, fi, start, end, pass == 1 || deferred);
    }
  }
}

void summarise_hits(EventState& state) {
  for (const Hit& h : state.hits) {
    state.hit_lists |= h.lists;
    state.hit_kinds |= static_cast<uint8_t>(h.signals >> kKindsShift);
  }
}

}  // namespace

void scan_event_fields(EventState& state) {
  gather_fields(state);
  state.actor_pending = !state.name_groups[kActorNames].text.empty();
  state.deferred_done = false;
  scan_names(state, kEventNames, false);
  for (uint16_t i = 0; i < state.fields.size(); ++i) scan_field(state, i, false);
  if (state.data->patterns->has_deferred() && state.party_signal()) {
    state.main_hits = state.hits.size();
    scan_names(state, kEventNames, true);
    const size_t n = state.fields.size();
    for (uint16_t i = 0; i < n; ++i) scan_field(state, i, true);
    state.support = -1;
    state.deferred_done = true;
  }
  state.hit_lists = 0;
  state.hit_kinds = 0;
  summarise_hits(state);
}

// The ASN's display name and position, scanned on first need. Their hits go
// where an eager scan would have put them (the fields come last: at the end of
// the main pass's hits and, where the deferred pass ran, at the end of its
// hits), and give no signal (add_hit), so no earlier decision changes.
void scan_actor_fields(EventState& state) {
  state.actor_pending = false;
  state.ballot_memos = 0;  // hits move: resolved ballot numbers name other hits
  for (int deferred = 0; deferred <= int{state.deferred_done}; ++deferred) {
    const size_t before = state.hits.size();
    scan_names(state, kActorNames, deferred);
    for (uint16_t i = 0; i < state.fields.size(); ++i)
      if (actor_field(state.fields[i].cls)) add_name_hits(state, i, deferred);
    if (!deferred && state.deferred_done)
      std::rotate(state.hits.begin() + static_cast<ptrdiff_t>(state.main_hits),
                  state.hits.begin() + static_cast<ptrdiff_t>(before), state.hits.end());
  }
  summarise_hits(state);
}

}  // namespace netra::engine
