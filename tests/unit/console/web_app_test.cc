#include "console/web_app.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/unit/console/test_alerts.h"

namespace netra::console {
namespace {

using nlohmann::json;

class WebAppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(auth_init());
    dir_ = std::filesystem::temp_directory_path() /
           ("netra-console-web-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::string error;
    store_ = open_sqlite_store(dir_.string(), error);
    ASSERT_TRUE(store_) << error;
    // Argon2id is slow by design: one hash for every test's users.
    static const std::string hash = hash_password("sandi-rahasia-1");
    for (const char* role : {"operator", "supervisor", "auditor"}) {
      User u{role, std::string("User ") + role, role, hash, false};
      ASSERT_TRUE(store_->put_user(u, error)) << error;
    }
    testing::AlertSpec s;
    s.name = "<img src=x onerror=alert(1)>";
    Alert a;
    std::string detail;
    ASSERT_EQ(parse_alert(testing::alert_json(s), a, detail), ParseError::none);
    IngestResult r;
    ASSERT_TRUE(store_->ingest({a}, r, error)) << error;
    case_id_ = store_->list_cases({})[0].case_id;
    stats_.ready = true;
    app_ = std::make_unique<WebApp>(*store_, stats_, WebOptions{});
  }
  void TearDown() override {
    app_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  Response send(const std::string& method, const std::string& path, const std::string& body = "",
                std::map<std::string, std::string> headers = {}) {
    Request r;
    r.method = method;
    size_t q = path.find('?');
    r.path = path.substr(0, q);
    if (q != std::string::npos) r.query = path.substr(q + 1);
    r.body = body;
    r.headers = std::move(headers);
    r.client = client_;
    return app_->handle(r);
  }

  struct Login {
    std::string cookie, csrf;
  };
  Login login(const std::string& user, const std::string& pw = "sandi-rahasia-1") {
    Response r = send("POST", "/api/login", json{{"username", user}, {"password", pw}}.dump(),
                      {{"x-netra-login", "1"}, {"content-type", "application/json"}});
    Login l;
    if (r.status != 200) return l;
    for (const auto& [k, v] : r.headers)
      if (k == "Set-Cookie") l.cookie = v.substr(0, v.find(';'));
    l.csrf = json::parse(r.body)["csrf"];
    return l;
  }

  Response post_triage(const Login& l, const json& body, const std::string& csrf) {
    return send(
        "POST", "/api/cases/" + std::to_string(case_id_) + "/triage", body.dump(),
        {{"cookie", l.cookie}, {"x-csrf-token", csrf}, {"content-type", "application/json"}});
  }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  IngestStats stats_;
  std::unique_ptr<WebApp> app_;
  int64_t case_id_ = 0;
  std::string client_ = "10.0.0.1";
};

TEST_F(WebAppTest, NoSessionNoData) {
  EXPECT_EQ(send("GET", "/api/cases").status, 401);
  EXPECT_EQ(send("GET", "/api/cases/1").status, 401);
  Response page = send("GET", "/");
  EXPECT_EQ(page.status, 303);
  EXPECT_EQ(send("GET", "/masuk").status, 200);
  EXPECT_EQ(send("GET", "/static/app.js").status, 200);
  EXPECT_EQ(
      send("GET", "/api/cases", "", {{"cookie", "netra_session=" + std::string(64, 'a')}}).status,
      401);
}

TEST_F(WebAppTest, LoginSetsAHardenedCookie) {
  Response r = send("POST", "/api/login",
                    json{{"username", "operator"}, {"password", "sandi-rahasia-1"}}.dump(),
                    {{"x-netra-login", "1"}});
  ASSERT_EQ(r.status, 200) << r.body;
  std::string cookie;
  for (const auto& [k, v] : r.headers)
    if (k == "Set-Cookie") cookie = v;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  // Without the login header (a cross-site form) it is refused.
  EXPECT_EQ(send("POST", "/api/login",
                 json{{"username", "operator"}, {"password", "sandi-rahasia-1"}}.dump())
                .status,
            403);
}

TEST_F(WebAppTest, LoginIsThrottled) {
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(login("operator", "salah").cookie.empty());
  Response r = send("POST", "/api/login",
                    json{{"username", "operator"}, {"password", "sandi-rahasia-1"}}.dump(),
                    {{"x-netra-login", "1"}});
  EXPECT_EQ(r.status, 429);
  auto log = store_->audit_log(0, 100);
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log[0].action, "login_failed");
}

TEST_F(WebAppTest, PostsNeedTheSessionsCsrfToken) {
  Login l = login("operator");
  ASSERT_FALSE(l.cookie.empty());
  EXPECT_EQ(post_triage(l, {{"action", "review"}}, "").status, 403);
  EXPECT_EQ(post_triage(l, {{"action", "review"}}, std::string(64, '0')).status, 403);
  EXPECT_EQ(store_->get_case(case_id_)->status, Status::baru);
  Response ok = post_triage(l, {{"action", "review"}}, l.csrf);
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(store_->get_case(case_id_)->status, Status::ditinjau);
}

TEST_F(WebAppTest, RolesAreEnforcedOnTheServer) {
  Login op = login("operator"), sup = login("supervisor"), aud = login("auditor");
  EXPECT_EQ(post_triage(op, {{"action", "confirm"}}, op.csrf).status, 403);
  EXPECT_EQ(post_triage(op, {{"action", "assign"}, {"assignee", "operator"}}, op.csrf).status, 403);
  EXPECT_EQ(post_triage(aud, {{"action", "note"}, {"note", "x"}}, aud.csrf).status, 403);
  EXPECT_EQ(send("GET", "/api/audit", "", {{"cookie", op.cookie}}).status, 403);
  EXPECT_EQ(send("GET", "/api/audit", "", {{"cookie", aud.cookie}}).status, 200);
  EXPECT_EQ(post_triage(sup, {{"action", "confirm"}}, sup.csrf).status, 200);
  EXPECT_EQ(post_triage(sup, {{"action", "forward"}}, sup.csrf).status, 200);
  EXPECT_EQ(store_->get_case(case_id_)->status, Status::diteruskan);
  EXPECT_EQ(post_triage(sup, {{"action", "reject"}, {"reason", "duplikat"}}, sup.csrf).status, 409);
  // A token from another session does not work either.
  EXPECT_EQ(post_triage(op, {{"action", "note"}, {"note", "x"}}, sup.csrf).status, 403);
}

TEST_F(WebAppTest, RejectNeedsAListedReason) {
  Login op = login("operator");
  EXPECT_EQ(post_triage(op, {{"action", "reject"}, {"reason", "bosan"}}, op.csrf).status, 400);
  Response r =
      post_triage(op, {{"action", "reject"}, {"reason", "bukan_asn"}, {"note", "n"}}, op.csrf);
  ASSERT_EQ(r.status, 200) << r.body;
  json j = json::parse(r.body);
  EXPECT_EQ(j["case"]["status"], "ditolak");
  EXPECT_EQ(j["audit"][0]["action"], "reject");
  EXPECT_EQ(j["audit"][0]["actor"], "operator");
}

TEST_F(WebAppTest, AlertTextComesBackAsJsonDataWithStrictCsp) {
  Login op = login("operator");
  Response r = send("GET", "/api/cases/" + std::to_string(case_id_), "", {{"cookie", op.cookie}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type.rfind("application/json", 0), 0u);
  EXPECT_EQ(json::parse(r.body)["case"]["terlapor"]["name"], "<img src=x onerror=alert(1)>");
  bool csp = false;
  for (const auto& [k, v] : r.headers)
    if (k == "Content-Security-Policy") csp = v.find("script-src 'self'") != std::string::npos;
  EXPECT_TRUE(csp);
}

TEST_F(WebAppTest, B1CsvExportForOperatorsAndSupervisors) {
  const std::string one = "/api/cases/" + std::to_string(case_id_) + "/b1.csv";
  EXPECT_EQ(send("GET", one).status, 401);
  Login op = login("operator"), aud = login("auditor");
  EXPECT_EQ(send("GET", one, "", {{"cookie", aud.cookie}}).status, 403);
  Response r = send("GET", one, "", {{"cookie", op.cookie}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "text/csv; charset=utf-8");
  EXPECT_NE(r.body.find("nomor_kasus,pelapor_nama"), std::string::npos);
  EXPECT_NE(r.body.find("User operator,operator,operator,Patroli Siber"), std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("<img src=x onerror=alert(1)>"), std::string::npos);
  bool attachment = false;
  for (const auto& [k, v] : r.headers)
    if (k == "Content-Disposition") attachment = v.find("attachment") != std::string::npos;
  EXPECT_TRUE(attachment);
  auto log = store_->audit_log(case_id_, 10);
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log[0].action, "export_b1");
  EXPECT_EQ(log[0].actor, "operator");

  const std::string id = std::to_string(case_id_);
  Response batch = send("GET", "/api/b1.csv?ids=" + id + "," + id, "", {{"cookie", op.cookie}});
  ASSERT_EQ(batch.status, 200) << batch.body;
  size_t rows = 0;
  for (size_t p = batch.body.find("\r\n" + id + ","); p != std::string::npos;
       p = batch.body.find("\r\n" + id + ",", p + 1))
    ++rows;
  EXPECT_EQ(rows, 2u);
  EXPECT_EQ(send("GET", "/api/b1.csv?ids=" + id + ",x", "", {{"cookie", op.cookie}}).status, 400);
  EXPECT_EQ(send("GET", "/api/b1.csv", "", {{"cookie", op.cookie}}).status, 400);
  EXPECT_EQ(send("GET", "/api/b1.csv?ids=999999", "", {{"cookie", op.cookie}}).status, 404);
  EXPECT_EQ(send("GET", "/api/cases/999999/b1.csv", "", {{"cookie", op.cookie}}).status, 404);
}

TEST_F(WebAppTest, B1PdfExportIsAuditedAndRoleChecked) {
  const std::string pdf = "/api/cases/" + std::to_string(case_id_) + "/b1.pdf";
  EXPECT_EQ(send("GET", pdf).status, 401);
  Login op = login("operator"), aud = login("auditor");
  EXPECT_EQ(send("GET", pdf, "", {{"cookie", aud.cookie}}).status, 403);
  EXPECT_EQ(send("GET", "/api/cases/999999/b1.pdf", "", {{"cookie", op.cookie}}).status, 404);
  Response r = send("GET", pdf, "", {{"cookie", op.cookie}});
  if (r.status == 500 && r.body.find("DejaVuSans") != std::string::npos)
    GTEST_SKIP() << "fonts-dejavu-core is not installed";
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "application/pdf");
  EXPECT_EQ(r.body.rfind("%PDF-", 0), 0u);
  auto log = store_->audit_log(case_id_, 1);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].action, "export_b1");
  EXPECT_EQ(log[0].detail, "pdf");
  // Fonts that are not there: an error, not a broken file.
  WebOptions bad;
  bad.font_dir = "/nonexistent";
  app_ = std::make_unique<WebApp>(*store_, stats_, bad);
  EXPECT_EQ(send("GET", pdf, "", {{"cookie", op.cookie}}).status, 500);
}

TEST_F(WebAppTest, TriageOutcomesAreMetricsPerRuleAndReason) {
  auto metric_lines = [&] {
    Response m = send("GET", "/metrics");
    EXPECT_EQ(m.status, 200);
    EXPECT_EQ(m.content_type.rfind("text/plain; version=0.0.4", 0), 0u);
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos < m.body.size()) {
      size_t nl = m.body.find('\n', pos);
      const std::string l = m.body.substr(pos, nl - pos);
      if (l.rfind("netra_console_cases_total{", 0) == 0) out.push_back(l);
      pos = nl + 1;
    }
    return out;
  };
  EXPECT_TRUE(metric_lines().empty());
  Login op = login("operator");
  ASSERT_EQ(post_triage(op, {{"action", "review"}}, op.csrf).status, 200);
  ASSERT_EQ(post_triage(op, {{"action", "note"}, {"note", "x"}}, op.csrf).status, 200);
  ASSERT_EQ(post_triage(op, {{"action", "reject"}, {"reason", "konteks_netral"}}, op.csrf).status,
            200);
  const std::vector<std::string> want = {
      R"(netra_console_cases_total{rule="online_campaign_post",status="ditinjau",reason=""} 1)",
      R"(netra_console_cases_total{rule="online_campaign_post",status="ditolak",reason="konteks_netral"} 1)"};
  EXPECT_EQ(metric_lines(), want);
  // A restarted console counts the same from the audit log.
  app_ = std::make_unique<WebApp>(*store_, stats_, WebOptions{});
  EXPECT_EQ(metric_lines(), want);
}

TEST_F(WebAppTest, SecureCookieBehindATlsProxy) {
  WebOptions o;
  o.secure_cookie = true;
  app_ = std::make_unique<WebApp>(*store_, stats_, o);
  Response r = send("POST", "/api/login",
                    json{{"username", "operator"}, {"password", "sandi-rahasia-1"}}.dump(),
                    {{"x-netra-login", "1"}});
  ASSERT_EQ(r.status, 200);
  std::string cookie;
  for (const auto& [k, v] : r.headers)
    if (k == "Set-Cookie") cookie = v;
  EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
}

TEST_F(WebAppTest, SsoHeaderOnlyFromTheTrustedProxy) {
  WebOptions o;
  o.sso_header = "x-forwarded-user";
  std::string error;
  ASSERT_TRUE(parse_address_ranges({"10.9.0.0/24"}, o.sso_trusted, error)) << error;
  app_ = std::make_unique<WebApp>(*store_, stats_, o);
  // From the proxy: the named account is logged in with its role, and gets a session cookie.
  client_ = "10.9.0.7";
  Response r = send("GET", "/api/me", "", {{"x-forwarded-user", "supervisor"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["role"], "supervisor");
  std::string cookie;
  for (const auto& [k, v] : r.headers)
    if (k == "Set-Cookie") cookie = v.substr(0, v.find(';'));
  ASSERT_FALSE(cookie.empty());
  const std::string csrf = json::parse(r.body)["csrf"];
  // The session then works like a password login (CSRF still needed for changes).
  Response t = send("POST", "/api/cases/" + std::to_string(case_id_) + "/triage",
                    json{{"action", "confirm"}}.dump(),
                    {{"x-forwarded-user", "supervisor"},
                     {"cookie", cookie},
                     {"x-csrf-token", csrf},
                     {"content-type", "application/json"}});
  EXPECT_EQ(t.status, 200) << t.body;
  EXPECT_EQ(store_->get_case(case_id_)->status, Status::dikonfirmasi);
  // The proxy names someone else: that account, not the cookie's.
  Response other =
      send("GET", "/api/me", "", {{"x-forwarded-user", "auditor"}, {"cookie", cookie}});
  ASSERT_EQ(other.status, 200);
  EXPECT_EQ(json::parse(other.body)["role"], "auditor");
  std::string auditor_cookie;
  for (const auto& [k, v] : other.headers)
    if (k == "Set-Cookie") auditor_cookie = v.substr(0, v.find(';'));
  ASSERT_FALSE(auditor_cookie.empty());
  // The supervisor's session ended when the proxy named someone else.
  EXPECT_EQ(send("GET", "/api/me", "", {{"cookie", cookie}}).status, 401);
  // Unknown and disabled accounts are refused.
  EXPECT_EQ(send("GET", "/api/me", "", {{"x-forwarded-user", "siapa"}}).status, 403);
  User u = *store_->get_user("operator");
  u.disabled = true;
  ASSERT_TRUE(store_->put_user(u, error));
  EXPECT_EQ(send("GET", "/api/me", "", {{"x-forwarded-user", "operator"}}).status, 403);
  // The same header from any other address is refused, even with a valid session cookie.
  client_ = "10.9.1.7";
  Response spoofed = send("GET", "/api/me", "", {{"x-forwarded-user", "supervisor"}});
  EXPECT_EQ(spoofed.status, 403);
  EXPECT_NE(spoofed.body.find("sso_untrusted"), std::string::npos);
  EXPECT_EQ(
      send("GET", "/", "", {{"x-forwarded-user", "auditor"}, {"cookie", auditor_cookie}}).status,
      403);
  // Without the header the cookie session works as any session does.
  EXPECT_EQ(send("GET", "/api/me", "", {{"cookie", auditor_cookie}}).status, 200);
  auto log = store_->audit_log(0, 1);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].action, "login_failed");
  EXPECT_NE(log[0].detail.find("10.9.1.7"), std::string::npos);
}

TEST_F(WebAppTest, Helpers) {
  auto q = parse_query("rule=a%20b&severity=high&q=x+y&empty");
  EXPECT_EQ(q["rule"], "a b");
  EXPECT_EQ(q["q"], "x y");
  EXPECT_TRUE(q.count("empty"));
  EXPECT_EQ(cookie_value("a=1; netra_session=abc; b=2", "netra_session"), "abc");
  EXPECT_EQ(cookie_value("xnetra_session=abc", "netra_session"), "");
}

}  // namespace
}  // namespace netra::console
