#include "daemon/alert_line.h"

#include <cctype>
#include <cstdio>

namespace netra::daemon {
namespace {

std::string shorten(std::string s, size_t max) {
  if (s.size() <= max) return s;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
  return s.substr(0, cut) + "…";
}

}  // namespace

std::string alert_field(simdjson::dom::element e, std::initializer_list<const char*> path) {
  for (const char* p : path) {
    if (e[p].get(e)) return "";
  }
  std::string_view s;
  if (!e.get_string().get(s)) return std::string(s);
  int64_t n;
  if (!e.get_int64().get(n)) return std::to_string(n);
  return "";
}

std::string format_alert_line(simdjson::dom::element doc, bool color) {
  std::string sev = alert_field(doc, {"severity"});
  std::string rule = alert_field(doc, {"rule_id"});
  std::string who = alert_field(doc, {"terlapor", "name"});
  if (who.empty()) who = alert_field(doc, {"terlapor", "handle"});
  std::string agency = alert_field(doc, {"terlapor", "agency"});
  std::string target = alert_field(doc, {"target", "entity"});
  if (target.empty()) target = alert_field(doc, {"target", "handle"});
  std::string uraian = shorten(alert_field(doc, {"uraian"}), 110);
  const char* col = "";
  if (color) {
    col = sev == "critical" ? "\033[1;35m"
          : sev == "high"   ? "\033[1;31m"
          : sev == "medium" ? "\033[33m"
                            : "\033[36m";
  }
  for (auto& c : sev) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string line;
  line.resize(64);
  for (;;) {
    int n =
        std::snprintf(line.data(), line.size(), "%s%-8s%s %-26s %s%s%s%s  %s\n", col, sev.c_str(),
                      color ? "\033[0m" : "", rule.c_str(), who.empty() ? "?" : who.c_str(),
                      agency.empty() ? "" : (" (" + agency + ")").c_str(),
                      target.empty() ? "" : " -> ", target.c_str(), uraian.c_str());
    if (n < 0) return "";
    if (static_cast<size_t>(n) < line.size()) {
      line.resize(static_cast<size_t>(n));
      return line;
    }
    line.resize(static_cast<size_t>(n) + 1);
  }
}

}  // namespace netra::daemon
