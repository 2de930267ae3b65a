#pragma once
// Formulir Model B.1 (Perbawaslu 7/2022; neutrality-rules.md §4.2-4.3) as CSV: one row per case,
// for a batch of cases. Pure: the case, its alert records and the pelapor in, text out.
#include <string>
#include <vector>

#include "console/store.h"

namespace netra::console {

// Identitas Pelapor: the operator who exports (their profile) and the configured unit.
struct B1Pelapor {
  std::string name, username, role, unit;
};

// The header row (CRLF-terminated, after a UTF-8 byte order mark so that spreadsheets read the
// file as UTF-8).
std::string b1_csv_header();

// One case as one CSV row (CRLF-terminated). `alerts_json` are the case's alert records as
// received (oldest first); `region_name` names c.region_code ("" when unknown). A cell with
// several values (one per alert) lists them as "[n] value" lines. Saksi is left empty.
std::string b1_csv_row(const Case& c, const std::vector<std::string>& alerts_json,
                       const B1Pelapor& pelapor, const std::string& region_name);

// A cell as RFC 4180 CSV: quoted when needed, and with a leading ' when it would start a
// spreadsheet formula (=, +, -, @, tab, CR), since alert text comes from the public.
std::string csv_cell(const std::string& value);

// Lower-case hex SHA-256 of `data`.
std::string sha256_hex(const std::string& data);

}  // namespace netra::console
