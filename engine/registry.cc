#include "engine/registry.h"

#include <cctype>
#include <cstring>

#include "engine/csv.h"
#include "engine/event.h"

namespace netra::engine {

const char* const kPoliticalKinds[5] = {"candidate", "party", "campaign_team", "volunteer_group",
                                        "campaign_group"};

uint8_t political_kind_bit(std::string_view kind) {
  for (int k = 0; k < 5; ++k)
    if (kind == kPoliticalKinds[k]) return static_cast<uint8_t>(1u << k);
  return 0;
}

bool is_political_kind(std::string_view kind) { return political_kind_bit(kind) != 0; }

std::string Registries::key(std::string_view platform, std::string_view id) {
  std::string k;
  k.reserve(platform.size() + id.size() + 1);
  k.append(platform).push_back('\x1f');
  k.append(id);
  return k;
}

namespace {

template <typename Map>
auto find_in(const Map& m, std::string_view k) -> const typename Map::mapped_type* {
  auto it = m.find(k);
  return it == m.end() ? nullptr : &it->second;
}

// find_in() with the key platform + '\x1f' + id built on the stack (a lookup
// per event must not allocate); very long ids take the allocating path.
template <typename Map>
auto find_keyed(const Map& m, std::string_view platform, std::string_view id) -> const
    typename Map::mapped_type* {
  char buf[256];
  if (platform.size() + id.size() + 1 > sizeof buf)
    return find_in(m, Registries::key(platform, id));
  std::memcpy(buf, platform.data(), platform.size());
  buf[platform.size()] = '\x1f';
  std::memcpy(buf + platform.size() + 1, id.data(), id.size());
  return find_in(m, std::string_view(buf, platform.size() + id.size() + 1));
}

// Reads a CSV file whose header must equal `columns`; calls row(fields, line)
// for each data row with the right number of fields.
template <typename Fn>
bool read_csv(const std::string& path, const std::vector<std::string>& columns,
              std::vector<Diagnostic>& diags, Fn row) {
  std::string data, error;
  if (!read_file(path, data, error)) {
    diags.push_back({path, 0, error, false});
    return false;
  }
  const size_t before = diags.size();
  CsvReader reader(data);
  std::vector<std::string> fields;
  int line = 0;
  if (!reader.next(fields, line, error) || fields != columns) {
    std::string want;
    for (const auto& c : columns) want += (want.empty() ? "" : ",") + c;
    diags.push_back({path, 1, "header must be: " + want, false});
    return false;
  }
  while (reader.next(fields, line, error)) {
    if (!error.empty()) {
      diags.push_back({path, line, error, false});
      continue;
    }
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    if (fields.size() != columns.size()) {
      diags.push_back({path, line,
                       "expected " + std::to_string(columns.size()) + " fields, got " +
                           std::to_string(fields.size()),
                       false});
      continue;
    }
    row(fields, line);
  }
  return diags.size() == before;
}

bool check_platform(const std::string& path, int line, const std::string& p,
                    std::vector<Diagnostic>& diags) {
  Platform ignored;
  if (parse_platform(p, ignored)) return true;
  diags.push_back({path, line, "unknown platform '" + p + "'", false});
  return false;
}

}  // namespace

const AsnRecord* Registries::find_asn(std::string_view platform, std::string_view id) const {
  return find_keyed(asn, platform, id);
}
const PoliticalRecord* Registries::find_political(std::string_view platform,
                                                  std::string_view id) const {
  return find_keyed(political, platform, id);
}
const MediaRecord* Registries::find_media(std::string_view sha256) const {
  std::string long_key;
  char buf[64];
  char* k = buf;
  if (sha256.size() > sizeof buf) {
    long_key.resize(sha256.size());
    k = long_key.data();
  }
  for (size_t i = 0; i < sha256.size(); ++i) {  // ASCII: hex digits (no locale call per byte)
    const char c = sha256[i];
    k[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return find_in(media, std::string_view(k, sha256.size()));
}

bool load_asn_registry(const std::string& path, Registries& out, std::vector<Diagnostic>& diags) {
  if (path.empty()) return true;
  return read_csv(
      path, {"platform", "account_id", "nip", "name", "agency", "unit", "position", "region_code"},
      diags, [&](std::vector<std::string>& f, int line) {
        if (!check_platform(path, line, f[0], diags)) return;
        if (f[1].empty()) return diags.push_back({path, line, "empty account_id", false});
        if (!f[2].empty() &&
            (f[2].size() != 18 || f[2].find_first_not_of("0123456789") != std::string::npos))
          return diags.push_back({path, line, "nip must be 18 digits", false});
        std::string k = Registries::key(f[0], f[1]);
        if (out.asn.count(k))
          return diags.push_back({path, line, "duplicate account " + f[0] + "/" + f[1], false});
        out.asn.emplace(std::move(k), AsnRecord{f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]});
      });
}

bool load_political_registry(const std::string& path, Registries& out,
                             std::vector<Diagnostic>& diags) {
  out.political_file = path;
  if (path.empty()) return true;
  return read_csv(
      path,
      {"platform", "account_id", "handle", "kind", "entity", "race", "ballot_no", "region_code"},
      diags, [&](std::vector<std::string>& f, int line) {
        if (!check_platform(path, line, f[0], diags)) return;
        if (f[1].empty()) return diags.push_back({path, line, "empty account_id", false});
        if (!is_political_kind(f[3]))
          return diags.push_back(
              {path, line,
               "kind must be candidate, party, campaign_team, volunteer_group or "
               "campaign_group, got '" +
                   f[3] + "'",
               false});
        if (f[4].empty()) return diags.push_back({path, line, "empty entity", false});
        std::string k = Registries::key(f[0], f[1]);
        if (out.political.count(k))
          return diags.push_back({path, line, "duplicate account " + f[0] + "/" + f[1], false});
        out.political.emplace(
            std::move(k), PoliticalRecord{f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], line});
      });
}

bool load_media_registry(const std::string& path, Registries& out, std::vector<Diagnostic>& diags) {
  if (path.empty()) return true;
  return read_csv(
      path, {"sha256", "entity", "description"}, diags, [&](std::vector<std::string>& f, int line) {
        std::string h = f[0];
        for (auto& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (h.size() != 64 || h.find_first_not_of("0123456789abcdef") != std::string::npos)
          return diags.push_back({path, line, "sha256 must be 64 hex digits", false});
        out.media[h] = MediaRecord{h, f[1], f[2], line};
      });
}

}  // namespace netra::engine
