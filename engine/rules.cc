#include "engine/rules.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "engine/event.h"
#include "engine/json_out.h"

namespace netra::engine {
namespace fs = std::filesystem;

const char* const kContractRuleIds[13] = {
    "engage_political_account", "join_campaign_group",    "online_campaign_post",
    "share_campaign_material",  "photo_with_candidate",   "campaign_event_presence",
    "party_membership",         "campaign_team_role",     "mobilize_colleagues",
    "self_candidacy_promo",     "ktp_support_collection", "partisan_official_action",
    "election_hoax_hate"};

const char* field_class_name(FieldClass f) {
  static const char* kNames[] = {"text",           "hashtags",       "media.caption",
                                 "media.ocr_text", "group.name",     "target.display_name",
                                 "target.handle",  "actor.position", "actor.display_name"};
  return kNames[f];
}

const char* severity_name(Severity s) {
  static const char* kNames[] = {"low", "medium", "high", "critical"};
  return kNames[static_cast<int>(s)];
}

namespace {

struct Loader {
  const Lexicon& lx;
  std::string file;
  std::vector<Diagnostic>& diags;
  size_t errors = 0;

  void error(const YAML::Node& n, const std::string& msg) {
    diags.push_back({file, n.IsDefined() ? n.Mark().line + 1 : 0, msg, false});
    ++errors;
  }

  std::vector<std::string> strings(const YAML::Node& n, const std::string& what) {
    std::vector<std::string> out;
    if (n.IsScalar()) {
      out.push_back(n.as<std::string>());
    } else if (n.IsSequence()) {
      for (const auto& item : n) {
        if (item.IsScalar())
          out.push_back(item.as<std::string>());
        else
          error(item, what + " items must be strings");
      }
    } else {
      error(n, what + " must be a string or a list of strings");
    }
    return out;
  }

  uint8_t kinds(const YAML::Node& n) {
    if (n.IsScalar() && (n.as<std::string>() == "true" || n.as<std::string>() == "any"))
      return 0x1F;
    uint8_t mask = 0;
    for (const auto& k : strings(n, "kinds")) {
      const uint8_t bit = political_kind_bit(k);
      if (!bit) error(n, "unknown kind '" + k + "'");
      mask |= bit;
    }
    return mask;
  }

  uint16_t fields(const YAML::Node& n) {
    uint16_t mask = 0;
    for (const auto& f : strings(n, "in")) {
      bool found = false;
      for (int i = 0; i < kFieldClassCount; ++i)
        if (f == field_class_name(static_cast<FieldClass>(i))) mask |= 1u << i, found = true;
      if (f == "content") mask |= kContentFields, found = true;
      if (f == "media") mask |= (1u << kFieldMediaCaption) | (1u << kFieldMediaOcr), found = true;
      if (!found) error(n, "unknown field '" + f + "'");
    }
    return mask;
  }

  uint32_t list(const YAML::Node& n, const std::string& name) {
    uint32_t id = lx.list_id(name);
    if (id == kNone) error(n, "unknown list '" + name + "'");
    return id;
  }

  Cond cond(const YAML::Node& n) {
    Cond c;
    c.line = n.Mark().line + 1;
    if (n.IsSequence()) {  // a bare list means all of them
      c.type = CondType::all;
      for (const auto& item : n) c.children.push_back(cond(item));
      return c;
    }
    if (!n.IsMap() || n.size() == 0) {
      error(n, "a condition must be a map such as {list: NAME}");
      return c;
    }
    if (n.size() > 1) {  // several keys: all of them
      c.type = CondType::all;
      for (auto it = n.begin(); it != n.end(); ++it) {
        Cond child = cond_key(it->first, it->second);
        c.children.push_back(std::move(child));
      }
      return c;
    }
    auto it = n.begin();
    return cond_key(it->first, it->second);
  }

  Cond cond_key(const YAML::Node& keynode, const YAML::Node& v) {
    Cond c;
    c.line = keynode.Mark().line + 1;
    const std::string key = keynode.as<std::string>();
    if (key == "all" || key == "any" || key == "not") {
      c.type = key == "all" ? CondType::all : key == "any" ? CondType::any : CondType::none;
      if (v.IsSequence()) {
        for (const auto& item : v) c.children.push_back(cond(item));
      } else {
        c.children.push_back(cond(v));
      }
      if (c.children.empty()) error(keynode, "'" + key + "' needs at least one condition");
    } else if (key == "list") {
      c.type = CondType::list;
      if (v.IsMap()) {
        for (const auto& name : strings(v["names"], "list names")) c.lists.push_back(list(v, name));
        if (v["in"]) c.fields = fields(v["in"]);
        for (auto f = v.begin(); f != v.end(); ++f) {
          std::string k = f->first.as<std::string>();
          if (k != "names" && k != "in")
            error(f->first, "unknown key '" + k + "' in list (names, in)");
        }
      } else {
        for (const auto& name : strings(v, "list")) c.lists.push_back(list(v, name));
      }
    } else if (key == "entity") {
      c.type = CondType::entity;
      if (v.IsMap()) {
        c.kinds = v["kinds"] ? kinds(v["kinds"]) : 0x1F;
        if (v["in"]) c.fields = fields(v["in"]);
      } else {
        c.kinds = kinds(v);
      }
    } else if (key == "target_kind" || key == "group_kind") {
      c.type = key == "target_kind" ? CondType::target_kind : CondType::group_kind;
      c.kinds = kinds(v);
    } else if (key == "media_known") {
      c.type = CondType::media_known;
    } else if (key == "has_media") {
      c.type = CondType::has_media;
      if (v.IsScalar() && v.as<std::string>() == "true") {
        c.media_types = 0;
      } else {
        for (const auto& t : strings(v, "has_media")) {
          if (t == "image")
            c.media_types |= 1;
          else if (t == "video")
            c.media_types |= 2;
          else if (t == "sticker")
            c.media_types |= 4;
          else
            error(v, "media type must be image, video or sticker");
        }
      }
    } else if (key == "near") {
      c.type = CondType::near;
      if (!v.IsMap() || !v["items"] || (!v["within"] && !v["clause"])) {
        error(keynode,
              "near needs {items: [A, B], within: BYTES} or {items: [A, B], clause: true}");
        return c;
      }
      for (auto f = v.begin(); f != v.end(); ++f) {
        const std::string k = f->first.as<std::string>();
        if (k != "items" && k != "within" && k != "clause" && k != "in" && k != "kinds")
          error(f->first, "unknown key '" + k + "' in near (items, within, clause, in, kinds)");
      }
      for (const auto& item : strings(v["items"], "near items"))
        c.lists.push_back(item == "entity" ? kNone : list(v["items"], item));
      if (c.lists.size() < 2) error(keynode, "near needs at least two items");
      c.within = UINT32_MAX;
      if (v["within"]) {
        try {
          long w = v["within"].as<long>();
          if (w < 1 || w > 100000) error(v["within"], "within must be 1..100000 bytes");
          c.within = static_cast<uint32_t>(w);
        } catch (const YAML::Exception&) {
          error(v["within"], "within must be a number of bytes");
        }
      }
      if (v["clause"]) {
        if (!v["clause"].IsScalar() || v["clause"].as<std::string>() != "true")
          error(v["clause"], "clause must be true");
        c.same_clause = true;
      }
      if (v["in"]) c.fields = fields(v["in"]);
      if (v["kinds"])
        c.kinds = kinds(v["kinds"]);
      else
        c.kinds = 0x1F;
    } else if (key == "action") {
      c.type = CondType::action;
      for (const auto& a : strings(v, "action")) {
        Action act;
        if (parse_action(a, act))
          c.actions |= 1u << static_cast<int>(act);
        else
          error(v, "unknown action '" + a + "'");
      }
    } else if (key == "phase") {
      c.type = CondType::phase;
      for (const auto& p : strings(v, "phase")) {
        Phase ph;
        if (parse_phase(p, ph))
          c.phases |= 1u << static_cast<int>(ph);
        else
          error(v, "unknown phase '" + p + "' (pre, post, campaign, quiet, voting)");
      }
    } else {
      error(keynode, "unknown condition '" + key +
                         "' (all, any, not, list, entity, target_kind, group_kind, media_known, "
                         "has_media, near, phase, action)");
    }
    return c;
  }

  // A value given once or per phase. Missing phases fall back: campaign, quiet
  // and voting to post; post and pre to each other.
  template <typename T, typename Parse>
  bool per_phase(const YAML::Node& n, PerPhase<T>& out, const std::string& what, Parse parse) {
    if (!n) {
      return false;
    }
    std::array<bool, kPhaseCount> set{};
    if (n.IsScalar()) {
      T v;
      if (!parse(n, v)) return false;
      out.fill(v);
      return true;
    }
    if (!n.IsMap()) {
      error(n, what + " must be a value or a map of phase: value");
      return false;
    }
    for (auto it = n.begin(); it != n.end(); ++it) {
      Phase p;
      if (!parse_phase(it->first.as<std::string>(), p)) {
        error(it->first, "unknown phase '" + it->first.as<std::string>() + "'");
        continue;
      }
      if (parse(it->second, out[static_cast<int>(p)])) set[static_cast<int>(p)] = true;
    }
    const int pre = 0, post = 1;
    if (!set[pre] && !set[post]) {
      error(n, what + " needs at least 'pre' or 'post'");
      return false;
    }
    if (!set[post]) out[post] = out[pre], set[post] = true;
    if (!set[pre]) out[pre] = out[post], set[pre] = true;
    for (int p = 2; p < kPhaseCount; ++p)
      if (!set[p]) out[p] = out[post];
    return true;
  }

  void rule(const YAML::Node& n, std::vector<Rule>& rules, std::set<std::string>& ids) {
    Rule r;
    r.file = file;
    r.line = n.Mark().line + 1;
    if (!n.IsMap()) return error(n, "a rule must be a map");
    static const std::set<std::string> kKeys = {"id",        "name",     "description", "actions",
                                                "when",      "unless",   "severity",    "skb_item",
                                                "track",     "sanction", "legal_basis", "route",
                                                "modifiers", "review",   "enabled"};
    for (auto it = n.begin(); it != n.end(); ++it) {
      std::string k = it->first.as<std::string>();
      if (!kKeys.count(k)) error(it->first, "unknown rule key '" + k + "'");
    }
    if (n["enabled"] && n["enabled"].as<std::string>() == "false") return;
    if (!n["id"] || !n["id"].IsScalar()) return error(n, "rule without an id");
    r.id = n["id"].as<std::string>();
    if (!ids.insert(r.id).second) error(n["id"], "duplicate rule id '" + r.id + "'");
    if (!n["name"])
      error(n, "rule '" + r.id + "' has no name (its Indonesian name)");
    else
      r.name = n["name"].as<std::string>();
    if (n["description"]) r.description = n["description"].as<std::string>();
    if (!n["actions"])
      error(n, "rule '" + r.id + "' has no actions");
    else
      for (const auto& a : strings(n["actions"], "actions")) {
        Action act;
        if (parse_action(a, act))
          r.actions |= 1u << static_cast<int>(act);
        else
          error(n["actions"], "unknown action '" + a + "'");
      }
    if (!n["when"])
      error(n, "rule '" + r.id + "' has no 'when' condition");
    else
      r.when = cond(n["when"]);
    if (n["unless"]) r.has_unless = true, r.unless = cond(n["unless"]);
    auto sev = [&](const YAML::Node& v, Severity& out) {
      std::string s = v.IsScalar() ? v.as<std::string>() : "";
      for (int i = 0; i < 4; ++i)
        if (s == severity_name(static_cast<Severity>(i)))
          return out = static_cast<Severity>(i), true;
      error(v, "severity must be low, medium, high or critical");
      return false;
    };
    auto str = [&](const YAML::Node& v, std::string& out) {
      if (!v.IsScalar()) return error(v, "expected a string"), false;
      out = v.as<std::string>();
      return true;
    };
    if (!per_phase(n["severity"], r.severity, "severity", sev))
      error(n, "rule '" + r.id + "' needs a severity");
    if (!per_phase(n["skb_item"], r.skb_item, "skb_item", str))
      error(n, "rule '" + r.id + "' needs skb_item");
    if (!per_phase(n["track"], r.track, "track", str)) error(n, "rule '" + r.id + "' needs track");
    for (const auto& t : r.track)
      if (t != "etik" && t != "disiplin" && t != "pidana" && !t.empty())
        error(n["track"], "track must be etik, disiplin or pidana");
    if (!per_phase(n["sanction"], r.sanction, "sanction", str))
      error(n, "rule '" + r.id + "' needs sanction");
    if (!n["legal_basis"])
      error(n, "rule '" + r.id + "' needs legal_basis");
    else
      r.legal_basis = strings(n["legal_basis"], "legal_basis");
    if (n["route"]) r.route = n["route"].as<std::string>();
    if (n["review"]) r.review = n["review"].as<std::string>() == "true";
    if (n["modifiers"])
      for (const auto& m : strings(n["modifiers"], "modifiers")) {
        if (m == "campaign_out_of_schedule")
          r.out_of_schedule = true;
        else
          error(n["modifiers"], "unknown modifier '" + m + "'");
      }
    auto quoted = [](std::string_view v) {
      std::string q;
      json_string(q, v);
      return q;
    };
    r.json.id = quoted(r.id);
    r.json.name = quoted(r.name);
    r.json.route = quoted(r.route);
    for (int p = 0; p < kPhaseCount; ++p) {
      r.json.skb_item[p] = quoted(r.skb_item[p]);
      r.json.track[p] = quoted(r.track[p]);
      r.json.sanction[p] = quoted(r.sanction[p]);
    }
    for (size_t i = 0; i < r.legal_basis.size(); ++i) {
      if (i) r.json.legal_basis += ',';
      r.json.legal_basis += quoted(r.legal_basis[i]);
    }
    rules.push_back(std::move(r));
  }
};

}  // namespace

bool load_rules(const std::string& dir, const Lexicon& lexicon, std::vector<Rule>& rules,
                RuleSettings& settings, std::vector<Diagnostic>& diags) {
  const size_t before = diags.size();
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir, ec)) {
    diags.push_back({dir, 0, "rules directory not found", false});
    return false;
  }
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file() && (e.path().extension() == ".yaml" || e.path().extension() == ".yml"))
      files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  std::set<std::string> ids;
  std::string settings_file;
  for (const auto& f : files) {
    Loader ld{lexicon, f, diags};
    YAML::Node root;
    try {
      root = YAML::LoadFile(f);
    } catch (const YAML::Exception& e) {
      diags.push_back({f, e.mark.line + 1, e.msg, false});
      continue;
    }
    if (root.IsNull()) continue;
    if (!root.IsMap()) {
      diags.push_back(
          {f, 1, "a rule file is a map with 'rules:' (and optionally 'settings:')", false});
      continue;
    }
    try {
      for (auto it = root.begin(); it != root.end(); ++it) {
        std::string k = it->first.as<std::string>();
        if (k == "rules") {
          const YAML::Node list = it->second;
          if (!list.IsSequence())
            ld.error(it->first, "'rules' must be a list");
          else
            for (const auto& r : list) ld.rule(r, rules, ids);
        } else if (k == "settings") {
          if (!settings_file.empty()) {
            ld.error(it->first, "settings are already given in " + settings_file);
            continue;
          }
          settings_file = f;
          const YAML::Node s = it->second;
          for (auto si = s.begin(); si != s.end(); ++si) {
            std::string sk = si->first.as<std::string>();
            if (sk == "weak_entity_support") {
              for (const auto& name : ld.strings(si->second, sk))
                settings.weak_entity_support.push_back(ld.list(si->second, name));
            } else if (sk == "ballot_context") {
              for (const auto& name : ld.strings(si->second, sk))
                settings.ballot_context.push_back(ld.list(si->second, name));
            } else {
              ld.error(si->first,
                       "unknown setting '" + sk + "' (weak_entity_support, ballot_context)");
            }
          }
        } else {
          ld.error(it->first, "unknown key '" + k + "' (rules, settings)");
        }
      }
    } catch (const YAML::Exception& e) {
      diags.push_back({f, e.mark.line + 1, e.msg, false});
    }
  }
  std::set<std::string> defined;
  for (const auto& r : rules) defined.insert(r.id);
  for (const char* id : kContractRuleIds)
    if (!defined.count(id))
      diags.push_back({dir, 0, std::string("contract rule '") + id + "' is not defined", true});
  if (rules.empty()) diags.push_back({dir, 0, "no rules defined", false});
  size_t errors = 0;
  for (size_t i = before; i < diags.size(); ++i) errors += !diags[i].warning;
  return errors == 0;
}

}  // namespace netra::engine
