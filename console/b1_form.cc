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

std::string b1_csv_row(const Case& c, const std::vector<std::string>& alerts_json,
                       const B1Pelapor& pelapor, const std::string& region_name) {
  Distinct handles, legal, platforms, urls, groups, event_ts;
  std::string detected, uraian, isi, sha, bukti_url, captured;
  int n = 0;
  for (const auto& text : alerts_json) {
    const json a = json::parse(text, nullptr, false);
    if (!a.is_object()) continue;
    ++n;
    const std::string tag = "[" + std::to_string(n) + "] ";
    const auto sep = [&](const std::string& s) { return s.empty() ? "" : "\n"; };
    const json& ev = sub(a, "event");
    const json& ter = sub(a, "terlapor");
    handles.add(str(ter, "handle"));
    const json& lb = sub(a, "legal_basis");
    if (lb.is_array())
      for (const auto& l : lb)
        if (l.is_string()) legal.add(l.get<std::string>());
    platforms.add(str(ev, "platform"));
    urls.add(str(ev, "url"));
    const json& g = sub(ev, "group");
    if (g.is_object()) {
      const std::string name = str(g, "name"), id = str(g, "id");
      groups.add(name.empty() ? id : id.empty() ? name : name + " (" + id + ")");
    }
    event_ts.add(str(ev, "ts"));
    const std::string det = str(a, "detected_at");
    if (!det.empty() && (detected.empty() || det < detected)) detected = det;
    uraian += sep(uraian) + tag + str(a, "uraian");
    const std::string content = original_content(a);
    isi += sep(isi) + tag + content;
    sha += sep(sha) + tag + sha256_hex(content);
    bukti_url += sep(bukti_url) + tag + str(ev, "url");
    captured += sep(captured) + tag + det;
  }
  std::string peristiwa = c.rule_name.empty() ? c.rule_id : c.rule_name + " (" + c.rule_id + ")";
  if (!c.skb_item.empty()) peristiwa += ", SKB butir " + c.skb_item;
  if (!c.target_entity.empty()) peristiwa += "; sasaran: " + c.target_entity;
  std::string wilayah = c.region_code;
  if (!region_name.empty()) wilayah = region_name + (wilayah.empty() ? "" : " (" + wilayah + ")");
  std::string akun = c.account_id;
  if (!handles.values.empty()) akun += (akun.empty() ? "" : " ") + ("@" + handles.joined());
  std::string waktu = c.first_ts;
  if (!c.last_ts.empty() && c.last_ts != c.first_ts) waktu += " s.d. " + c.last_ts;
  if (waktu.empty()) waktu = event_ts.joined();
  const std::vector<std::string> cells = {
      std::to_string(c.case_id),
      pelapor.name,
      pelapor.username,
      pelapor.role,
      pelapor.unit,
      c.terlapor_name,
      c.nip,
      c.agency,
      c.unit,
      c.position,
      wilayah,
      c.platform,
      akun,
      peristiwa,
      legal.joined(),
      waktu,
      detected,
      c.deadline,
      platforms.joined(),
      urls.joined(),
      groups.joined(),
      uraian,
      isi,
      sha,
      bukti_url,
      captured,
      "",
      std::to_string(n),
  };
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_cell(cells[i]);
  return out + "\r\n";
}

}  // namespace netra::console
