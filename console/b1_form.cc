#include "console/b1_form.h"

#include <sodium.h>

#include <nlohmann/json.hpp>
#include <set>

namespace netra::console {
namespace {

using nlohmann::json;

const char* const kColumns[] = {
    "nomor_kasus",      "pelapor_nama",        "pelapor_pengguna",
    "pelapor_peran",    "pelapor_unit",        "terlapor_nama",
    "terlapor_nip",     "terlapor_instansi",   "terlapor_unit_kerja",
    "terlapor_jabatan", "terlapor_wilayah",    "terlapor_platform",
    "terlapor_akun",    "peristiwa",           "dasar_hukum",
    "waktu_kejadian",   "waktu_diketahui",     "batas_waktu_lapor",
    "tempat_platform",  "tempat_url",          "tempat_grup",
    "uraian",           "bukti_isi",           "bukti_sha256",
    "bukti_url",        "bukti_waktu_tangkap", "saksi",
    "jumlah_kejadian",
};

std::string str(const json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  if (it == j.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
  return "";
}

const json& sub(const json& j, const char* key) {
  static const json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}

// Distinct non-empty values, in first-seen order, one per line.
struct Distinct {
  std::vector<std::string> values;
  std::set<std::string> seen;
  void add(const std::string& v) {
    if (!v.empty() && seen.insert(v).second) values.push_back(v);
  }
  std::string joined() const {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : "\n") + v;
    return out;
  }
};

// The original content of one alert: the record's `content` (field -> original value) when it
// carries it, else the evidence spans.
std::string original_content(const json& a) {
  std::string out;
  const json& content = sub(a, "content");
  if (content.is_object()) {
    for (const auto& [field, value] : content.items())
      if (value.is_string())
        out += (out.empty() ? "" : "\n") + field + ": " + value.get<std::string>();
  }
  if (!out.empty()) return out;
  const json& ev = sub(a, "evidence");
  if (ev.is_array())
    for (const auto& s : ev)
      out += (out.empty() ? "" : "\n") + str(s, "field") + ": " + str(s, "text");
  return out;
}

}  // namespace

std::string sha256_hex(const std::string& data) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

std::string csv_cell(const std::string& value) {
  std::string v = value;
  if (!v.empty() &&
      (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
    v.insert(v.begin(), '\'');
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string b1_csv_header() {
  std::string out = "\xEF\xBB\xBF";
  bool first = true;
  for (const char* c : kColumns) {
    out += first ? "" : ",";
    out += c;
    first = false;
  }
  return out + "\r\n";
}

B1Record b1_record(const Case& c, const std::vector<std::string>& alerts_json,
                   const B1Pelapor& pelapor, const std::string& region_name) {
  B1Record r;
  r.case_id = c.case_id;
  r.pelapor = pelapor;
  Distinct handles, legal, sanctions, platforms, urls, groups, event_ts;
  for (const auto& text : alerts_json) {
    const json a = json::parse(text, nullptr, false);
    if (!a.is_object()) continue;
    const json& ev = sub(a, "event");
    const json& ter = sub(a, "terlapor");
    handles.add(str(ter, "handle"));
    const json& lb = sub(a, "legal_basis");
    if (lb.is_array())
      for (const auto& l : lb)
        if (l.is_string()) legal.add(l.get<std::string>());
    sanctions.add(str(a, "sanction"));
    platforms.add(str(ev, "platform"));
    urls.add(str(ev, "url"));
    const json& g = sub(ev, "group");
    if (g.is_object()) {
      const std::string name = str(g, "name"), id = str(g, "id");
      groups.add(name.empty() ? id : id.empty() ? name : name + " (" + id + ")");
    }
    event_ts.add(str(ev, "ts"));
    const std::string det = str(a, "detected_at");
    if (!det.empty() && (r.detected_at.empty() || det < r.detected_at)) r.detected_at = det;
    B1Bukti b;
    b.content = original_content(a);
    b.sha256 = sha256_hex(b.content);
    b.url = str(ev, "url");
    b.captured_at = det;
    b.uraian = str(a, "uraian");
    r.bukti.push_back(std::move(b));
  }
  r.peristiwa = c.rule_name.empty() ? c.rule_id : c.rule_name + " (" + c.rule_id + ")";
  if (!c.skb_item.empty()) r.peristiwa += ", SKB butir " + c.skb_item;
  if (!c.target_entity.empty()) r.peristiwa += "; sasaran: " + c.target_entity;
  r.terlapor_region = c.region_code;
  if (!region_name.empty())
    r.terlapor_region = region_name + (c.region_code.empty() ? "" : " (" + c.region_code + ")");
  r.terlapor_account = c.account_id;
  if (!handles.values.empty())
    r.terlapor_account += (r.terlapor_account.empty() ? "" : " ") + ("@" + handles.joined());
  r.event_time = c.first_ts;
  if (!c.last_ts.empty() && c.last_ts != c.first_ts) r.event_time += " s.d. " + c.last_ts;
  if (r.event_time.empty()) r.event_time = event_ts.joined();
  r.terlapor_name = c.terlapor_name;
  r.terlapor_nip = c.nip;
  r.terlapor_agency = c.agency;
  r.terlapor_unit = c.unit;
  r.terlapor_position = c.position;
  r.terlapor_platform = c.platform;
  r.legal_basis = legal.joined();
  r.sanction = sanctions.joined();
  r.deadline = c.deadline;
  r.tempat_platform = platforms.joined();
  r.tempat_url = urls.joined();
  r.tempat_group = groups.joined();
  return r;
}

std::string b1_csv_row(const B1Record& r) {
  // One "[n] value" line per alert.
  const auto per_bukti = [&](std::string B1Bukti::*field) {
    std::string out;
    for (size_t i = 0; i < r.bukti.size(); ++i)
      out += (i ? "\n[" : "[") + std::to_string(i + 1) + "] " + r.bukti[i].*field;
    return out;
  };
  const std::vector<std::string> cells = {
      std::to_string(r.case_id),
      r.pelapor.name,
      r.pelapor.username,
      r.pelapor.role,
      r.pelapor.unit,
      r.terlapor_name,
      r.terlapor_nip,
      r.terlapor_agency,
      r.terlapor_unit,
      r.terlapor_position,
      r.terlapor_region,
      r.terlapor_platform,
      r.terlapor_account,
      r.peristiwa,
      r.legal_basis,
      r.event_time,
      r.detected_at,
      r.deadline,
      r.tempat_platform,
      r.tempat_url,
      r.tempat_group,
      per_bukti(&B1Bukti::uraian),
      per_bukti(&B1Bukti::content),
      per_bukti(&B1Bukti::sha256),
      per_bukti(&B1Bukti::url),
      per_bukti(&B1Bukti::captured_at),
      "",
      std::to_string(r.bukti.size()),
  };
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_cell(cells[i]);
  return out + "\r\n";
}

std::string b1_csv_row(const Case& c, const std::vector<std::string>& alerts_json,
                       const B1Pelapor& pelapor, const std::string& region_name) {
  return b1_csv_row(b1_record(c, alerts_json, pelapor, region_name));
}

}  // namespace netra::console
