#pragma once
// The CSV registries of contract §2: ASN accounts, political accounts and
// groups, known campaign media.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/diagnostic.h"

namespace netra::engine {

struct AsnRecord {
  std::string platform, account_id, nip, name, agency, unit, position, region_code;
};

struct PoliticalRecord {
  std::string platform, account_id, handle, kind, entity, race, ballot_no, region_code;
  int line = 0;
};

struct MediaRecord {
  std::string sha256, entity, description;
  int line = 0;
};

// Lets the maps below be searched with a string_view (no key string per lookup).
struct KeyHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <class V>
using KeyMap = std::unordered_map<std::string, V, KeyHash, std::equal_to<>>;

struct Registries {
  // Keyed by platform + '\x1f' + account_id (group ids share the political map).
  KeyMap<AsnRecord> asn;
  KeyMap<PoliticalRecord> political;
  KeyMap<MediaRecord> media;
  std::string political_file;  // for evidence pattern ids

  static std::string key(std::string_view platform, std::string_view id);
  const AsnRecord* find_asn(std::string_view platform, std::string_view id) const;
  const PoliticalRecord* find_political(std::string_view platform, std::string_view id) const;
  const MediaRecord* find_media(std::string_view sha256) const;
};

// Each loader reports problems as file:line diagnostics; an empty path is fine.
bool load_asn_registry(const std::string& path, Registries& out, std::vector<Diagnostic>& diags);
bool load_political_registry(const std::string& path, Registries& out,
                             std::vector<Diagnostic>& diags);
bool load_media_registry(const std::string& path, Registries& out, std::vector<Diagnostic>& diags);

extern const char* const kPoliticalKinds[5];
// 1 << the index of `kind` in kPoliticalKinds (the bit that rule conditions
// use for it), or 0 when it is not a political kind.
uint8_t political_kind_bit(std::string_view kind);
bool is_political_kind(std::string_view kind);

}  // namespace netra::engine
