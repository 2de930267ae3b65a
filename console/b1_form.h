#pragma once
// Formulir Model B.1 (Perbawaslu 7/2022; neutrality-rules.md §4.2-4.3): the form's fields for a
// case (B1Record), and as CSV: one row per case, for a batch of cases (the PDF is
// console/b1_pdf.h). Pure: the case, its alert records and the pelapor in, text out.
#include <string>
#include <vector>

#include "console/store.h"

namespace netra::console {

// Identitas Pelapor: the operator who exports (their profile) and the configured unit.
struct B1Pelapor {
  std::string name, username, role, unit;
};

// One piece of evidence (Bukti): one alert of the case.
struct B1Bukti {
  std::string content;  // the original content (`content.<field>` when the record has it, else
                        // the evidence spans), one "field: value" per line
  std::string sha256;   // of `content`
  std::string url, captured_at;  // the post's URL; the capture time (`detected_at`)
  std::string uraian;            // the alert's generated description
};

// The form's fields for one case. Multi-valued fields (one per alert) are joined by newlines.
struct B1Record {
  int64_t case_id = 0;
  B1Pelapor pelapor;
  std::string terlapor_name, terlapor_nip, terlapor_agency, terlapor_unit, terlapor_position,
      terlapor_region, terlapor_platform, terlapor_account;
  std::string peristiwa, legal_basis, sanction, event_time, detected_at, deadline;
  std::string tempat_platform, tempat_url, tempat_group;
  std::vector<B1Bukti> bukti;  // oldest first
};

// The form for `c`. `alerts_json` are the case's alert records as received (oldest first; one
// that is not a JSON object is skipped); `region_name` names c.region_code ("" when unknown).
B1Record b1_record(const Case& c, const std::vector<std::string>& alerts_json,
                   const B1Pelapor& pelapor, const std::string& region_name);

// The header row (CRLF-terminated, after a UTF-8 byte order mark so that spreadsheets read the
// file as UTF-8).
std::string b1_csv_header();

// One case as one CSV row (CRLF-terminated). `alerts_json` are the case's alert records as
// received (oldest first); `region_name` names c.region_code ("" when unknown). A cell with
// several values (one per alert) lists them as "[n] value" lines. Saksi is left empty.
std::string b1_csv_row(const B1Record& r);
std::string b1_csv_row(const Case& c, const std::vector<std::string>& alerts_json,
                       const B1Pelapor& pelapor, const std::string& region_name);

// A cell as RFC 4180 CSV: quoted when needed, and with a leading ' when it would start a
// spreadsheet formula (=, +, -, @, tab, CR), since alert text comes from the public.
std::string csv_cell(const std::string& value);

// Lower-case hex SHA-256 of `data`.
std::string sha256_hex(const std::string& data);

}  // namespace netra::console
