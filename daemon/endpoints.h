#pragma once
// The routes of `netra run`'s HTTP port (served by daemon/http_server.h):
//   GET /metrics    Prometheus text format
//   GET /healthz    200 while the process runs
//   GET /readyz     200 when ready, else 503 with the reason
//   POST /-/reload  reloads rules, lists, registries and calendar like SIGHUP, and answers with
//                   the outcome: 200 and the new version, or 500 and every problem (file:line:
//                   message; the old rules stay). Only with `http.reload_enabled: true`; else 403.
// A known path asked with another method answers 405, an unknown path 404.
#include <functional>
#include <string>

#include "daemon/http_server.h"
#include "daemon/rule_reloader.h"

namespace netra::daemon {

struct Endpoints {
  std::function<std::string()> metrics;    // the exposition text
  std::function<std::string()> not_ready;  // why the daemon is not ready; "" when it is
  std::function<ReloadOutcome()> reload;   // empty: POST /-/reload is disabled
};

HttpResponse serve(const Endpoints& endpoints, const HttpRequest& request);

}  // namespace netra::daemon
