#include "daemon/regions.h"

#include <algorithm>
#include <vector>

#include "engine/csv.h"

namespace netra::daemon {

bool load_region_names(const std::string& path, std::map<std::string, std::string>& out,
                       std::string& error) {
  std::string data;
  if (!engine::read_file(path, data, error)) return false;
  engine::CsvReader csv(data);
  std::vector<std::string> row;
  int line = 0;
  int code_col = -1, name_col = -1;
  if (csv.next(row, line, error)) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (row[i] == "region_code" || row[i] == "kode") code_col = static_cast<int>(i);
      if (row[i] == "region" || row[i] == "nama") name_col = static_cast<int>(i);
    }
  }
  if (code_col < 0 || name_col < 0) {
    error = path + " has no region_code/region columns";
    return false;
  }
  while (csv.next(row, line, error)) {
    if (static_cast<int>(row.size()) <= std::max(code_col, name_col)) continue;
    out.emplace(row[code_col], row[name_col]);
  }
  return true;
}

}  // namespace netra::daemon
