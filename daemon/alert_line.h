#pragma once
// The one-line view of an alert (docs/contract.md §5) shared by `netra demo` and `netra alerts`:
// severity, rule, terlapor (agency) -> target, and the start of the uraian.
#include <simdjson.h>

#include <initializer_list>
#include <string>

namespace netra::daemon {

// The string (or integer, as text) at `path` under `e`; "" when absent or of another type.
std::string alert_field(simdjson::dom::element e, std::initializer_list<const char*> path);

// One line, ending in '\n': "SEVERITY rule_id who (agency) -> target  uraian…". With `color`, the
// severity is coloured with ANSI escapes (for a terminal).
std::string format_alert_line(simdjson::dom::element alert, bool color);

}  // namespace netra::daemon
