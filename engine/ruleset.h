#pragma once
// Loading and validating everything the engine needs: rules, pattern lists,
// entity lists, registries, calendar. The result is immutable.
#include <memory>
#include <string>
#include <vector>

#include "engine/diagnostic.h"
#include "engine/settings.h"

namespace netra::engine {

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
