#include "engine/ruleset.h"

#include <xxhash.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string_view>
#include <utility>

#include "engine/csv.h"
#include "engine/ruleset_data.h"

namespace netra::engine {
namespace fs = std::filesystem;

RuleSet::RuleSet(std::unique_ptr<RuleSetData> data) : data_(std::move(data)) {}
RuleSet::~RuleSet() = default;
const std::string& RuleSet::version() const { return data_->version; }
size_t RuleSet::rule_count() const { return data_->rules.size(); }
size_t RuleSet::pattern_count() const { return data_->lexicon.patterns.size(); }
bool RuleSet::cache_hit() const { return data_->build_stats.cache_hit; }

namespace {

// Adds one length-prefixed field, so that no two sequences of fields hash alike.
void hash_field(XXH3_state_t* st, std::string_view v) {
  const uint64_t n = v.size();
  XXH3_128bits_update(st, &n, sizeof n);
  XXH3_128bits_update(st, v.data(), v.size());
}

// Adds one input file under its name relative to the configuration (`role` and the name
// inside its directory), never its absolute path: the same files copied elsewhere hash the same.
void hash_file(XXH3_state_t* st, const std::string& role, const std::string& name,
               const std::string& path) {
  std::string data, error;
  const bool readable = read_file(path, data, error);
  hash_field(st, role);
  hash_field(st, name);
  hash_field(st, readable ? "+" : "-");
  hash_field(st, data);
}

// The rule set's version (docs/decisions/0008): the bytes of every input file and its relative
// name, independent of where the configuration directory is.
std::string content_version(const Settings& s) {
  XXH3_state_t* st = XXH3_createState();
  XXH3_128bits_reset(st);
  std::error_code ec;
  for (const auto& [role, dir] : {std::pair<std::string, const std::string*>{"rules", &s.rules_dir},
                                  {"lists", &s.lists_dir}}) {
    if (dir->empty() || !fs::is_directory(*dir, ec)) continue;
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(*dir, ec))
      if (e.is_regular_file()) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    for (const auto& n : names) hash_file(st, role, n, (fs::path(*dir) / n).string());
  }
  for (size_t i = 0; i < s.candidate_files.size(); ++i)
    hash_file(st, "candidates." + std::to_string(i),
              fs::path(s.candidate_files[i]).filename().string(), s.candidate_files[i]);
  const std::pair<const char*, const std::string*> singles[] = {
      {"asn_accounts", &s.asn_accounts},
      {"political_accounts", &s.political_accounts},
      {"campaign_media", &s.campaign_media},
      {"calendar", &s.calendar}};
  for (const auto& [role, path] : singles)
    if (!path->empty()) hash_file(st, role, fs::path(*path).filename().string(), *path);
  XXH128_hash_t h = XXH3_128bits_digest(st);
  XXH3_freeState(st);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h.high64));
  return std::string(buf, 12);
}

// The field classes a condition reads matches from.
uint16_t condition_fields(const Cond& c) {
  uint16_t mask = 0;
  switch (c.type) {
    case CondType::list:
    case CondType::entity:
    case CondType::near:
      mask = c.fields;
      break;
    default:
      break;
  }
  for (const Cond& ch : c.children) mask |= condition_fields(ch);
  return mask;
}

// Necessary conditions for c to hold, all of them (see Rule::needs).
// `number_lists` matter because a candidate entity may also come from a
// ballot number (ballot_phrases, ballot_numbers, gestures).
std::vector<Rule::Need> needs_of(const Cond& c, const std::vector<uint32_t>& number_lists) {
  Rule::Need need;
  bool known = true;
  auto add_list = [&](uint32_t list) {
    if (list >= 64) return false;  // beyond the per-hit list bits
    need.lists |= 1ULL << list;
    return true;
  };
  switch (c.type) {
    case CondType::list:
      for (uint32_t l : c.lists) known &= add_list(l);
      need.fields = c.fields;
      break;
    case CondType::entity:
      need.kinds = c.kinds;
      need.fields = c.fields;
      if (c.kinds & 1)
        for (uint32_t l : number_lists)
          if (l != kNone) known &= add_list(l);
      break;
    case CondType::near:  // its first item must be there
      need.fields = c.fields;
      if (c.lists.empty())
        known = false;
      else if (c.lists[0] == kNone)
        need.kinds = c.kinds;
      else
        known = add_list(c.lists[0]);
      break;
    case CondType::target_kind:
      need.target_kinds = c.kinds;
      break;
    case CondType::group_kind:
      need.group_kinds = c.kinds;
      break;
    case CondType::media_known:
      need.media = true;
      break;
    case CondType::all: {  // every child is needed, so are all their needs
      std::vector<Rule::Need> all;
      for (const Cond& ch : c.children) {
        std::vector<Rule::Need> n = needs_of(ch, number_lists);
        all.insert(all.end(), n.begin(), n.end());
      }
      return all;
    }
    case CondType::any:  // one of the children: a need of each, any of them
      known = !c.children.empty();
      for (const Cond& ch : c.children) {
        std::vector<Rule::Need> n = needs_of(ch, number_lists);
        if (n.empty()) return {};
        need.lists |= n[0].lists;
        need.kinds |= n[0].kinds;
        need.target_kinds |= n[0].target_kinds;
        need.group_kinds |= n[0].group_kinds;
        need.media |= n[0].media;
        need.fields |= n[0].fields;
      }
      break;
    default:
      known = false;
      break;
  }
  if (!known) return {};
  return {need};
}

}  // namespace

std::shared_ptr<const RuleSet> RuleSet::load(const Settings& settings,
                                             std::vector<Diagnostic>& diags) {
  auto d = std::make_unique<RuleSetData>();
  d->settings = settings;
  const size_t before = diags.size();
  try {
    if (settings.calendar.empty())
      diags.push_back({"", 0, "no calendar configured", false});
    else
      load_calendar(settings.calendar, d->calendar, diags);
    load_asn_registry(settings.asn_accounts, d->registries, diags);
    load_political_registry(settings.political_accounts, d->registries, diags);
    load_media_registry(settings.campaign_media, d->registries, diags);
    load_lexicon(settings, d->registries, d->lexicon, diags);
    load_rules(settings.rules_dir, d->lexicon, d->rules, d->rule_settings, diags);
    load_scope_markers(settings.lists_dir, d->lexicon, d->scope, diags);
  } catch (const std::exception& e) {  // config load only; the data path never throws
    diags.push_back({"", 0, std::string("unexpected error while loading: ") + e.what(), false});
  }
  d->support_list.assign(d->lexicon.lists.size(), 0);
  for (uint32_t id : d->rule_settings.weak_entity_support)
    if (id < d->support_list.size()) d->support_list[id] = 1;
  for (uint32_t id : d->rule_settings.ballot_context)
    if (id < 64)
      d->ballot_context_mask |= 1ULL << id;  // lists 0..63 have hit bits
    else if (id != kNone)
      diags.push_back({settings.rules_dir, 0,
                       "settings.ballot_context: '" + d->lexicon.lists[id].name +
                           "' is list 64 or later and is not read (see ruleset_data.h)",
                       true});

  for (Rule& r : d->rules) {
    r.fields = condition_fields(r.when) | (r.has_unless ? condition_fields(r.unless) : 0);
    for (int a = 0; a < kActionCount; ++a)
      if (r.actions & (1u << a)) d->fields_for_action[a] |= r.fields;
  }
  d->ballot_list = d->lexicon.list_id("ballot_phrases");
  d->ballot_number_list = d->lexicon.list_id("ballot_numbers");
  d->gesture_list = d->lexicon.list_id("gestures");
  const std::vector<uint32_t> number_lists = {d->ballot_list, d->ballot_number_list,
                                              d->gesture_list};
  for (Rule& r : d->rules) r.needs = needs_of(r.when, number_lists);
  d->candidate_list = d->lexicon.list_id("candidates");
  d->number_context_list = d->lexicon.list_id("number_context");
  const Lexicon& lx = d->lexicon;
  const uint8_t party_bit = political_kind_bit("party");
  d->pattern_facts.assign(lx.patterns.size(), {});
  for (size_t p = 0; p + 1 < lx.ref_begin.size(); ++p) {
    for (uint32_t r = lx.ref_begin[p]; r < lx.ref_begin[p + 1]; ++r) {
      const PatternRef& ref = lx.ref_data[r];
      if (ref.list < 64) d->pattern_facts[p].lists |= 1ULL << ref.list;
      const bool strong = ref.entity != kNone && !ref.weak;
      if ((ref.list != kNone && ref.list == d->ballot_list) ||
          (strong && ref.kind_bit == party_bit))
        d->pattern_facts[p].signals |= kPartySignal;
      if (strong && ref.kind_bit == party_bit) d->pattern_facts[p].signals |= kPartyNameSignal;
      if ((ref.list != kNone && ref.list < d->support_list.size() && d->support_list[ref.list]) ||
          strong)
        d->pattern_facts[p].signals |= kSupportSignal;
      d->pattern_facts[p].signals |= static_cast<uint16_t>(ref.kind_bit << kKindsShift);
    }
  }
  d->regional.build(d->lexicon);

  size_t errors = 0;
  for (size_t i = before; i < diags.size(); ++i) errors += !diags[i].warning;
  if (errors) return nullptr;

  std::vector<matchers::BuildError> build_errors;
  matchers::BuildOptions opts;
  opts.cache_dir = settings.cache_dir;
  d->patterns =
      matchers::PatternSet::build(d->lexicon.patterns, opts, build_errors, &d->build_stats);
  for (const auto& e : build_errors) {
    if (e.index >= 0 && static_cast<size_t>(e.index) < d->lexicon.patterns.size()) {
      // Point at the list line the pattern came from.
      const size_t p = static_cast<size_t>(e.index);
      int line = 0;
      if (d->lexicon.ref_begin[p] < d->lexicon.ref_begin[p + 1])
        line = static_cast<int>(d->lexicon.ref_data[d->lexicon.ref_begin[p]].line);
      diags.push_back({d->lexicon.source_files[d->lexicon.pattern_source[p]], line,
                       "pattern '" + d->lexicon.patterns[p].expression + "': " + e.message, false});
    } else {
      diags.push_back({settings.lists_dir, 0, e.message, false});
    }
  }
  if (!d->patterns) {
    if (build_errors.empty())
      diags.push_back({settings.lists_dir, 0, "pattern compilation failed", false});
    return nullptr;
  }
  d->version = content_version(settings);
  return std::make_shared<const RuleSet>(std::move(d));
}

}  // namespace netra::engine
