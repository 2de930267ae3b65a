#include "console/web_app.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>

#include "console/b1_form.h"
#include "console/cases.h"

namespace netra::console {

using nlohmann::json;

namespace {

const char kCookie[] = "netra_session";

Response make_json(int status, const json& j) {
  Response r;
  r.status = status;
  r.body = j.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

Response error_json(int status, const std::string& code, const std::string& message) {
  return make_json(status, {{"error", code}, {"message", message}});
}

Response redirect(const std::string& to) {
  Response r;
  r.status = 303;
  r.content_type = "text/plain; charset=utf-8";
  r.headers.emplace_back("Location", to);
  return r;
}

Response asset_response(const Asset* a) {
  Response r;
  r.content_type = a->content_type;
  r.body.assign(reinterpret_cast<const char*>(a->data), a->size);
  return r;
}

std::string header(const Request& req, const std::string& name) {
  auto it = req.headers.find(name);
  return it == req.headers.end() ? std::string() : it->second;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string url_decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && hex_digit(s[i + 1]) >= 0 &&
               hex_digit(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// "/api/cases/12/triage" with prefix "/api/cases/" -> 12 and rest "/triage".
bool parse_id(const std::string& path, const std::string& prefix, int64_t& id, std::string& rest) {
  if (path.rfind(prefix, 0) != 0) return false;
  size_t i = prefix.size(), j = i;
  while (j < path.size() && j - i < 18 && path[j] >= '0' && path[j] <= '9') ++j;
  if (j == i) return false;
  id = std::stoll(path.substr(i, j - i));
  rest = path.substr(j);
  return true;
}

json reasons_json() {
  size_t n = 0;
  const RejectReason* r = reject_reasons(n);
  json out = json::array();
  for (size_t i = 0; i < n; ++i) out.push_back({{"id", r[i].id}, {"label", r[i].label}});
  return out;
}

}  // namespace

std::map<std::string, std::string> parse_query(const std::string& q) {
  std::map<std::string, std::string> out;
  size_t pos = 0;
  while (pos < q.size()) {
    size_t amp = q.find('&', pos);
    if (amp == std::string::npos) amp = q.size();
    std::string_view part(q.data() + pos, amp - pos);
    size_t eq = part.find('=');
    if (eq == std::string_view::npos)
      out[url_decode(part)] = "";
    else
      out[url_decode(part.substr(0, eq))] = url_decode(part.substr(eq + 1));
    pos = amp + 1;
  }
  return out;
}

std::string cookie_value(const std::string& header, const std::string& name) {
  size_t pos = 0;
  while (pos < header.size()) {
    while (pos < header.size() && (header[pos] == ' ' || header[pos] == ';')) ++pos;
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string_view part(header.data() + pos, end - pos);
    size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name)
      return std::string(part.substr(eq + 1));
    pos = end + 1;
  }
  return "";
}

std::string WebApp::region_name(const std::string& code) const {
  auto it = opt_.region_names.find(code);
  return it == opt_.region_names.end() ? std::string() : it->second;
}

std::optional<Session> WebApp::session_of(const Request& req) {
  // The SSO header from an address that is not the proxy: no session at all (handle() also
  // answers 403; the live stream only asks this).
  if (!opt_.sso_header.empty() && req.headers.count(opt_.sso_header) &&
      !address_in(req.client, opt_.sso_trusted))
    return std::nullopt;
  const std::string token = cookie_value(header(req, "cookie"), kCookie);
  if (token.size() != 64) return std::nullopt;
  return store_.get_session(token_hash(token), static_cast<int64_t>(std::time(nullptr)));
}

std::string WebApp::start_session(const User& u, Session& s) {
  const std::string token = random_token();
  s = Session{u.username, u.role, u.display_name, random_token(),
              static_cast<int64_t>(std::time(nullptr)) + int64_t{opt_.session_hours} * 3600};
  store_.put_session(token_hash(token), s);
  std::string cookie =
      std::string(kCookie) + "=" + token +
      "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(opt_.session_hours * 3600);
  if (opt_.secure_cookie) cookie += "; Secure";
  return cookie;
}

std::optional<Session> WebApp::sso_session(const Request& req, std::optional<Session> current,
                                           std::string& set_cookie,
                                           std::optional<Response>& refused) {
  const std::string user = header(req, opt_.sso_header);
  AuditEntry e;
  e.actor = user;
  e.detail = "sso " + req.client;
  if (!address_in(req.client, opt_.sso_trusted)) {
    e.action = "login_failed";
    e.detail += " (alamat tidak dipercaya)";
    store_.audit(e);
    refused = error_json(403, "sso_untrusted",
                         "header " + opt_.sso_header + " hanya diterima dari proxy SSO");
    return std::nullopt;
  }
  if (current && current->username == user) return current;
  auto u = store_.get_user(user);
  if (!u || u->disabled) {
    e.action = "login_failed";
    store_.audit(e);
    refused = error_json(403, "sso_unknown_user", "akun konsol tidak dikenal atau nonaktif");
    return std::nullopt;
  }
  if (current)  // the proxy now names someone else: the old session ends
    store_.delete_session(token_hash(cookie_value(header(req, "cookie"), kCookie)));
  Session s;
  set_cookie = start_session(*u, s);
  e.action = "login";
  store_.audit(e);
  return s;
}

Response WebApp::handle(const Request& req) {
  std::string set_cookie;
  Response r = [&]() -> Response {
    if (req.path == "/healthz") return make_json(200, {{"status", "ok"}});
    if (req.path == "/metrics" && (req.method == "GET" || req.method == "HEAD")) {
      Response m;
      m.content_type = "text/plain; version=0.0.4; charset=utf-8";
      m.body = metrics_text(triage_metrics_, stats_);
      return m;
    }
    if (req.path == "/readyz")
      return stats_.ready ? make_json(200, {{"status", "ready"}})
                          : make_json(503, {{"status", "store not writable"}});
    if (req.path.rfind("/static/", 0) == 0) {
      if (req.method != "GET" && req.method != "HEAD") return error_json(405, "method", "GET only");
      if (const Asset* a = find_asset(req.path)) return asset_response(a);
      return error_json(404, "not_found", "tidak ditemukan");
    }
    if (req.path == "/masuk" && req.method == "GET") return asset_response(find_asset("/masuk"));
    if (req.path == "/api/login" && req.method == "POST") return login(req);

    auto session = session_of(req);
    if (!opt_.sso_header.empty() && req.headers.count(opt_.sso_header)) {
      std::optional<Response> refused;
      session = sso_session(req, session, set_cookie, refused);
      if (refused) return *refused;
    }
    const bool is_api = req.path.rfind("/api/", 0) == 0;
    if (!session) {
      if (is_api) return error_json(401, "unauthenticated", "sesi tidak ada atau kedaluwarsa");
      return redirect("/masuk");
    }
    if (req.method == "POST") {
      // CSRF: the session's token in a header a cross-site form cannot set,
      // and a JSON body (a cross-site fetch with it needs CORS, never granted).
      if (!same_secret(header(req, "x-csrf-token"), session->csrf))
        return error_json(403, "csrf", "token CSRF tidak sah");
      if (header(req, "content-type").rfind("application/json", 0) != 0)
        return error_json(415, "content_type", "body harus JSON");
    } else if (req.method != "GET" && req.method != "HEAD") {
      return error_json(405, "method", "metode tidak didukung");
    }
    if (is_api) return api(req, *session);
    Role role = Role::auditor;
    parse_role(session->role, role);
    int64_t id;
    std::string rest;
    if (req.path == "/" || (parse_id(req.path, "/kasus/", id, rest) && rest.empty()))
      return asset_response(find_asset(req.path == "/" ? "/" : "/kasus/"));
    if (req.path == "/audit") {
      if (role == Role::operator_) return error_json(403, "forbidden", "khusus supervisor/auditor");
      return asset_response(find_asset("/audit"));
    }
    return error_json(404, "not_found", "tidak ditemukan");
  }();
  // Everything the console serves is its own: no CDN, no inline script.
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'self'; script-src 'self'; style-src 'self'; "
                         "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
                         "base-uri 'none'; form-action 'self'");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  if (req.path.rfind("/static/", 0) != 0) r.headers.emplace_back("Cache-Control", "no-store");
  if (!set_cookie.empty()) r.headers.emplace_back("Set-Cookie", set_cookie);
  return r;
}

Response WebApp::login(const Request& req) {
  if (header(req, "x-netra-login") != "1")
    return error_json(403, "csrf", "permintaan masuk harus dari halaman masuk");
  json body = json::parse(req.body, nullptr, false);
  if (!body.is_object() || !body["username"].is_string() || !body["password"].is_string())
    return error_json(400, "bad_request", "nama pengguna dan kata sandi wajib");
  const std::string username = body["username"], password = body["password"];
  const auto now = Throttle::Clock::now();
  const std::string ukey = "u:" + username, ckey = "ip:" + req.client;
  if (!throttle_.allowed(ukey, now) || !throttle_.allowed(ckey, now))
    return error_json(429, "throttled", "terlalu banyak percobaan gagal; coba lagi nanti");
  auto user = store_.get_user(username);
  AuditEntry e;
  e.actor = username;
  e.detail = req.client;
  if (!user || user->disabled || !verify_password(user->pw_hash, password)) {
    throttle_.failure(ukey, now);
    throttle_.failure(ckey, now);
    e.action = "login_failed";
    store_.audit(e);
    return error_json(401, "bad_credentials", "nama pengguna atau kata sandi salah");
  }
  throttle_.success(ukey);
  throttle_.success(ckey);
  Session s;
  const std::string cookie = start_session(*user, s);
  e.action = "login";
  store_.audit(e);
  Response r = make_json(200, {{"username", s.username}, {"role", s.role}, {"csrf", s.csrf}});
  r.headers.emplace_back("Set-Cookie", cookie);
  return r;
}

static json case_json(const Case& c, const std::string& region) {
  return {{"case_id", c.case_id},
          {"status", status_name(c.status)},
          {"severity", severity_name(c.severity)},
          {"rule_id", c.rule_id},
          {"rule_name", c.rule_name},
          {"skb_item", c.skb_item},
          {"track", c.track},
          {"race", c.race},
          {"phase", c.phase},
          {"terlapor",
           {{"name", c.terlapor_name},
            {"nip", c.nip},
            {"account_id", c.account_id},
            {"agency", c.agency},
            {"unit", c.unit},
            {"position", c.position},
            {"region_code", c.region_code},
            {"region_name", region},
            {"platform", c.platform}}},
          {"target_entity", c.target_entity},
          {"local_day", c.local_day},
          {"deadline", c.deadline},
          {"deadline_unix", c.deadline_unix},
          {"alert_count", c.alert_count},
          {"first_ts", c.first_ts},
          {"last_ts", c.last_ts},
          {"reject_reason", c.reject_reason},
          {"reject_note", c.reject_note},
          {"assignee", c.assignee},
          {"updated_at", c.updated_at}};
}

static json audit_json(const std::vector<AuditEntry>& log) {
  json out = json::array();
  for (const auto& e : log)
    out.push_back({{"seq", e.seq},
                   {"ts", e.ts},
                   {"actor", e.actor},
                   {"action", e.action},
                   {"case_id", e.case_id},
                   {"before", e.before},
                   {"after", e.after},
                   {"reason", e.reason},
                   {"note", e.note},
                   {"detail", e.detail}});
  return out;
}

Response WebApp::cases(const Request& req) {
  auto q = parse_query(req.query);
  CaseFilter f;
  f.rule_id = q["rule"];
  f.status = q["status"];
  f.region_code = q["region"];
  f.agency = q["agency"];
  f.race = q["race"];
  f.phase = q["phase"];
  f.assignee = q["assignee"];
  f.text = q["q"];
  f.severity = severity_rank(q["severity"]);
  if (!q["severity"].empty() && !f.severity)
    return error_json(400, "bad_request", "severity: low, medium, high, critical");
  json list = json::array();
  for (const auto& c : store_.list_cases(f))
    list.push_back(case_json(c, region_name(c.region_code)));
  return make_json(200, {{"version", store_.version()}, {"cases", list}});
}

Response WebApp::case_detail(int64_t id) {
  auto c = store_.get_case(id);
  if (!c) return error_json(404, "not_found", "kasus tidak ditemukan");
  json alerts = json::array();
  for (const auto& a : store_.case_alerts_json(id)) {
    json j = json::parse(a, nullptr, false);
    if (!j.is_discarded()) alerts.push_back(std::move(j));
  }
  json notes = json::array();
  for (const auto& n : store_.notes(id))
    notes.push_back({{"author", n.author}, {"ts", n.ts}, {"text", n.text}});
  json others = json::array();
  for (const auto& o : store_.cases_of_terlapor(c->terlapor_key))
    if (o.case_id != id) others.push_back(case_json(o, region_name(o.region_code)));
  return make_json(200, {{"case", case_json(*c, region_name(c->region_code))},
                         {"alerts", alerts},
                         {"notes", notes},
                         {"audit", audit_json(store_.audit_log(id, 500))},
                         {"other_cases", others}});
}

namespace {

B1Pelapor pelapor_of(const Session& s, const std::string& unit) {
  return {s.display_name.empty() ? s.username : s.display_name, s.username, s.role, unit};
}

void audit_export(Store& store, const Session& s, const Case& c, const char* format) {
  AuditEntry e;
  e.actor = s.username;
  e.action = "export_b1";
  e.case_id = c.case_id;
  e.case_key = c.case_key;
  e.detail = format;
  store.audit(e);
}

}  // namespace

// Formulir Model B.1 as CSV (console/b1_form.h) for `ids`: operators and supervisors (the
// pelapor is the exporting operator; an auditor only reads). Each export is audited.
Response WebApp::b1_csv(const Session& s, Role role, const std::vector<int64_t>& ids) {
  if (role == Role::auditor) return error_json(403, "forbidden", "khusus operator/supervisor");
  const B1Pelapor pelapor = pelapor_of(s, opt_.unit);
  std::string body = b1_csv_header();
  std::vector<Case> found;
  for (int64_t id : ids) {
    auto c = store_.get_case(id);
    if (!c) return error_json(404, "not_found", "kasus " + std::to_string(id) + " tidak ditemukan");
    body += b1_csv_row(*c, store_.case_alerts_json(id), pelapor, region_name(c->region_code));
    found.push_back(std::move(*c));
  }
  for (const auto& c : found) audit_export(store_, s, c, "csv");
  Response r;
  r.content_type = "text/csv; charset=utf-8";
  r.body = std::move(body);
  const std::string name =
      ids.size() == 1 ? "b1-kasus-" + std::to_string(ids[0]) + ".csv" : "b1-kasus.csv";
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return r;
}

// Formulir Model B.1 as PDF (console/b1_pdf.h) for one case: same roles and audit as the CSV.
Response WebApp::b1_pdf(const Session& s, Role role, int64_t id) {
  if (role == Role::auditor) return error_json(403, "forbidden", "khusus operator/supervisor");
  auto c = store_.get_case(id);
  if (!c) return error_json(404, "not_found", "kasus tidak ditemukan");
  const B1Record record = b1_record(*c, store_.case_alerts_json(id), pelapor_of(s, opt_.unit),
                                    region_name(c->region_code));
  Response r;
  std::string error;
  if (!console::b1_pdf(record, opt_.font_dir, static_cast<int64_t>(std::time(nullptr)), r.body,
                       error))
    return error_json(500, "pdf", "PDF gagal dibuat: " + error);
  audit_export(store_, s, *c, "pdf");
  r.content_type = "application/pdf";
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"b1-kasus-" + std::to_string(id) + ".pdf\"");
  return r;
}

Response WebApp::triage(const Request& req, const Session& s, int64_t id) {
  json body = json::parse(req.body, nullptr, false);
  if (!body.is_object() || !body["action"].is_string())
    return error_json(400, "bad_request", "action wajib");
  TriageRequest t;
  if (!parse_action(body["action"].get<std::string>(), t.action))
    return error_json(400, "bad_request", "action tidak dikenal");
  auto str = [&](const char* k) {
    return body.contains(k) && body[k].is_string() ? body[k].get<std::string>() : std::string();
  };
  t.reason = str("reason");
  t.note = str("note");
  t.assignee = str("assignee");
  if (t.note.size() > 10000) return error_json(400, "bad_request", "catatan terlalu panjang");
  if (t.action == Action::assign && !t.assignee.empty()) {
    auto u = store_.get_user(t.assignee);
    if (!u || u->disabled || u->role == "auditor")
      return error_json(400, "bad_request", "petugas tidak dikenal");
  }
  Role role = Role::auditor;
  parse_role(s.role, role);
  switch (store_.triage(id, t, s.username, role)) {
    case TriageError::none:
      // The entry just written (the newest of the case) feeds netra_console_cases_total.
      for (const auto& e : store_.audit_log(id, 1))
        if (e.actor == s.username && e.action == action_name(t.action)) triage_metrics_.count(e);
      return case_detail(id);
    case TriageError::forbidden:
      return error_json(403, "forbidden", "peran Anda tidak boleh melakukan tindakan ini");
    case TriageError::bad_transition:
      return error_json(409, "bad_transition", "tindakan tidak berlaku untuk status kasus ini");
    case TriageError::bad_reason:
      return error_json(400, "bad_reason", "alasan penolakan wajib");
    case TriageError::missing_note:
      return error_json(400, "missing_note", "catatan wajib");
    case TriageError::no_case:
      return error_json(404, "not_found", "kasus tidak ditemukan");
    case TriageError::store:
      break;
  }
  return error_json(503, "store", "penyimpanan gagal; coba lagi");
}

Response WebApp::api(const Request& req, const Session& s) {
  Role role = Role::auditor;
  parse_role(s.role, role);
  int64_t id = 0;
  std::string rest;
  const bool get = req.method == "GET" || req.method == "HEAD";
  if (req.path == "/api/me" && get)
    return make_json(200, {{"username", s.username},
                           {"display_name", s.display_name},
                           {"role", s.role},
                           {"csrf", s.csrf},
                           {"unit", opt_.unit},
                           {"reasons", reasons_json()}});
  if (req.path == "/api/logout" && !get) {
    store_.delete_session(token_hash(cookie_value(header(req, "cookie"), kCookie)));
    Response r = make_json(200, {{"status", "ok"}});
    r.headers.emplace_back(
        "Set-Cookie", std::string(kCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    return r;
  }
  if (req.path == "/api/cases" && get) return cases(req);
  if (req.path == "/api/facets" && get) {
    Facets f = store_.facets();
    json rules = json::array(), regions = json::array();
    for (const auto& [rid, name] : f.rules) rules.push_back({{"id", rid}, {"name", name}});
    for (const auto& code : f.regions)
      regions.push_back({{"code", code}, {"name", region_name(code)}});
    return make_json(200, {{"rules", rules},
                           {"regions", regions},
                           {"agencies", f.agencies},
                           {"races", f.races},
                           {"phases", f.phases}});
  }
  if (parse_id(req.path, "/api/cases/", id, rest)) {
    if (rest.empty() && get) return case_detail(id);
    if (rest == "/b1.csv" && get) return b1_csv(s, role, {id});
    if (rest == "/b1.pdf" && get) return b1_pdf(s, role, id);
    if (rest == "/triage" && req.method == "POST") return triage(req, s, id);
  }
  if (req.path == "/api/b1.csv" && get) {
    // A batch: ?ids=1,2,3 (the cases selected in the queue).
    std::vector<int64_t> ids;
    const std::string list = parse_query(req.query)["ids"];
    size_t i = 0;
    while (i <= list.size()) {
      const size_t j = std::min(list.find(',', i), list.size());
      const std::string one = list.substr(i, j - i);
      std::string tail;
      if (!parse_id(one, "", id, tail) || !tail.empty())
        return error_json(400, "bad_request", "ids: nomor kasus dipisah koma");
      ids.push_back(id);
      i = j + 1;
    }
    if (ids.size() > kMaxB1Batch)
      return error_json(400, "bad_request", "ids: paling banyak 1000 kasus");
    return b1_csv(s, role, ids);
  }
  if (req.path == "/api/audit" && get) {
    if (role == Role::operator_) return error_json(403, "forbidden", "khusus supervisor/auditor");
    return make_json(200, {{"audit", audit_json(store_.audit_log(0, 1000))}});
  }
  if (req.path == "/api/users" && get) {
    json users = json::array();
    for (const auto& u : store_.users())
      if (!u.disabled && u.role != "auditor")
        users.push_back(
            {{"username", u.username}, {"display_name", u.display_name}, {"role", u.role}});
    return make_json(200, {{"users", users}});
  }
  return error_json(404, "not_found", "tidak ditemukan");
}

}  // namespace netra::console
