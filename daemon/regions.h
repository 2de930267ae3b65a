#pragma once
// Names of Kemendagri region codes (`console.regions`: a CSV with the columns region_code (or
// kode) and region (or nama), e.g. the KPU Pilkada 2024 pairs file). Read by the console (names
// instead of codes) and by `netra alerts --region NAME`.
#include <map>
#include <string>

namespace netra::daemon {

// Reads `path` into code -> name (the first name given for a code wins). False with the reason in
// `error` when the file cannot be read or lacks the two columns.
bool load_region_names(const std::string& path, std::map<std::string, std::string>& out,
                       std::string& error);

}  // namespace netra::daemon
