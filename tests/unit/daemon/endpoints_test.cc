#include "daemon/endpoints.h"

#include <gtest/gtest.h>

namespace netra::daemon {
namespace {

struct Fixture {
  std::string not_ready;
  int reloads = 0;
  ReloadOutcome outcome;

  Endpoints endpoints(bool reload_enabled) {
    Endpoints e;
    e.metrics = [] { return std::string("netra_ready 1\n"); };
    e.not_ready = [this] { return not_ready; };
    if (reload_enabled)
      e.reload = [this] {
        ++reloads;
        return outcome;
      };
    return e;
  }
};

HttpResponse ask(const Endpoints& e, std::string_view method, std::string_view path) {
  return serve(e, HttpRequest{method, path});
}

TEST(Endpoints, ProbesAndMetrics) {
  Fixture f;
  auto e = f.endpoints(false);
  EXPECT_EQ(ask(e, "GET", "/healthz").status, 200);
  EXPECT_EQ(ask(e, "GET", "/readyz").status, 200);
  f.not_ready = "no partitions assigned";
  auto r = ask(e, "GET", "/readyz");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.body, "not ready: no partitions assigned\n");
  r = ask(e, "HEAD", "/metrics");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "netra_ready 1\n");
  EXPECT_EQ(ask(e, "GET", "/nope").status, 404);
  EXPECT_EQ(ask(e, "POST", "/metrics").status, 405);
  EXPECT_EQ(ask(e, "DELETE", "/healthz").status, 405);
}

TEST(Endpoints, ReloadDisabledByDefault) {
  Fixture f;
  auto e = f.endpoints(false);
  for (std::string_view m : {"POST", "GET", "PUT"}) {
    auto r = ask(e, m, "/-/reload");
    EXPECT_EQ(r.status, 403) << m;
    EXPECT_NE(r.body.find("http.reload_enabled"), std::string::npos) << r.body;
  }
  EXPECT_EQ(f.reloads, 0);
}

TEST(Endpoints, ReloadSucceeds) {
  Fixture f;
  f.outcome.ok = true;
  f.outcome.version = "abc123";
  f.outcome.rules = 12;
  f.outcome.patterns = 345;
  auto e = f.endpoints(true);
  auto r = ask(e, "POST", "/-/reload");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(f.reloads, 1);
  EXPECT_EQ(r.body.rfind("reloaded rules abc123: 12 rules, 345 patterns", 0), 0u) << r.body;
}

TEST(Endpoints, ReloadFailsWithProblems) {
  Fixture f;
  f.outcome.ok = false;
  f.outcome.version = "old42";
  f.outcome.diagnostics.push_back({"rules/r.yaml", 7, "unknown list 'x'", false});
  f.outcome.diagnostics.push_back({"lists/a.txt", 3, "duplicate entry", true});
  auto e = f.endpoints(true);
  auto r = ask(e, "POST", "/-/reload");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.rfind("reload failed; still serving rules old42\n", 0), 0u) << r.body;
  EXPECT_NE(r.body.find("rules/r.yaml:7:"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("unknown list 'x'"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("lists/a.txt:3:"), std::string::npos) << r.body;
}

TEST(Endpoints, ReloadOnlyByPost) {
  Fixture f;
  f.outcome.ok = true;
  auto e = f.endpoints(true);
  for (std::string_view m : {"GET", "HEAD", "PUT", "DELETE"}) {
    EXPECT_EQ(ask(e, m, "/-/reload").status, 405) << m;
  }
  EXPECT_EQ(f.reloads, 0);
}

}  // namespace
}  // namespace netra::daemon
