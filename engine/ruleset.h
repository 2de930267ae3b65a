#pragma once
// Loading and validating everything the engine needs: rules, pattern lists,
// entity lists, registries, calendar. The result is immutable.
#include <memory>
#include <string>
#include <vector>

namespace netra::engine {

// One problem found while loading, printed as `file:line: message`.
struct Diagnostic {
  std::string file;
  int line = 0;  // 0: the whole file
  std::string message;
  bool warning = false;
  std::string str() const;  // "file:line: error: message"
};

// Paths and limits the engine reads; the daemon's config fills it.
struct Settings {
  std::string rules_dir;                     // *.yaml rule files
  std::string lists_dir;                     // *.txt pattern lists, *.csv entity lists
  std::vector<std::string> candidate_files;  // KPU DCT CSV files (optional)
  std::string asn_accounts;                  // registries (CSV); empty = none
  std::string political_accounts;
  std::string campaign_media;
  std::string calendar;   // YAML
  std::string cache_dir;  // compiled-database cache; empty = none
  size_t max_event_bytes = 1 << 20;
};

struct RuleSetData;  // defined in engine internals

class RuleSet {
 public:
  ~RuleSet();
  // Builds a rule set; returns nullptr when any error was found (all of them
  // are in `diags`; warnings may be there on success too). Never throws.
  static std::shared_ptr<const RuleSet> load(const Settings& settings,
                                             std::vector<Diagnostic>& diags);

  const std::string& version() const;  // short content hash of everything loaded
  size_t rule_count() const;
  size_t pattern_count() const;
  bool cache_hit() const;
  const RuleSetData& data() const { return *data_; }

  explicit RuleSet(std::unique_ptr<RuleSetData> data);

 private:
  std::unique_ptr<RuleSetData> data_;
};

}  // namespace netra::engine
