#include "daemon/endpoints.h"

#include <cstdio>

namespace netra::daemon {
namespace {

constexpr const char* kText = "text/plain; charset=utf-8";

HttpResponse reload_response(const ReloadOutcome& r) {
  char head[256];
  if (r.ok) {
    std::snprintf(head, sizeof head, "reloaded rules %s: %zu rules, %zu patterns in %.2f s\n",
                  r.version.c_str(), r.rules, r.patterns, r.seconds);
  } else {
    std::snprintf(head, sizeof head, "reload failed; still serving rules %s\n", r.version.c_str());
  }
  std::string body = head;
  for (const auto& d : r.diagnostics) body += d.str() + "\n";
  return {r.ok ? 200 : 500, kText, std::move(body)};
}

}  // namespace

HttpResponse serve(const Endpoints& e, const HttpRequest& req) {
  const bool get = req.method == "GET" || req.method == "HEAD";
  if (req.path == "/-/reload") {
    if (!e.reload) return {403, kText, "reload endpoint disabled (http.reload_enabled: false)\n"};
    if (req.method != "POST") return {405, kText, "method not allowed: use POST\n"};
    return reload_response(e.reload());
  }
  const bool known =
      req.path == "/metrics" || req.path == "/healthz" || req.path == "/readyz" || req.path == "/";
  if (!known) return {404, kText, "not found\n"};
  if (!get) return {405, kText, "method not allowed: use GET\n"};
  if (req.path == "/metrics") return {200, "text/plain; version=0.0.4; charset=utf-8", e.metrics()};
  if (req.path == "/healthz") return {200, kText, "ok\n"};
  if (req.path == "/readyz") {
    std::string why = e.not_ready();
    if (why.empty()) return {200, kText, "ready\n"};
    return {503, kText, "not ready: " + why + "\n"};
  }
  return {200, kText,
          e.reload ? "netra: /metrics /healthz /readyz, POST /-/reload\n"
                   : "netra: /metrics /healthz /readyz\n"};
}

}  // namespace netra::daemon
