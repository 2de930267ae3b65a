#pragma once
// The console's HTTP application, independent of the transport
// (console/web_server.h): one request in, one response out. Every page but
// the login page and every API call needs a session; every POST needs the
// session's CSRF token (login: the X-Netra-Login header, which a cross-site
// form cannot send); roles are checked here, never only in the page.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "console/auth.h"
#include "console/b1_pdf.h"
#include "console/ingest.h"
#include "console/metrics.h"
#include "console/store.h"
#include "console/trusted_proxy.h"

namespace netra::console {

struct Request {
  std::string method, path, query, body;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string client;                          // peer address
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

inline constexpr size_t kMaxB1Batch = 1000;  // cases per B.1 CSV export

struct WebOptions {
  std::string unit = "Patroli Siber";
  bool secure_cookie = false;  // add Secure (served over TLS: console.tls_proxy)
  int session_hours = 12;
  std::map<std::string, std::string> region_names;  // Kemendagri code -> name
  // SSO reverse-proxy mode (console.sso_header, lower-case; "" = off): the header names an
  // existing console account and is accepted only from `sso_trusted` addresses.
  std::string sso_header;
  std::vector<AddressRange> sso_trusted;
  std::string font_dir = kDefaultFontDir;  // the B.1 PDF's fonts
};

// One embedded asset (console/web/, compiled in by CMake).
struct Asset {
  const char* path;  // "/static/app.js"
  const char* content_type;
  const unsigned char* data;
  size_t size;
};
const Asset* find_asset(const std::string& path);

class WebApp {
 public:
  // Counts the triage outcomes already in the store's audit log (TriageMetrics).
  WebApp(Store& store, IngestStats& stats, WebOptions opt)
      : store_(store), stats_(stats), opt_(std::move(opt)) {
    triage_metrics_.load(store_);
  }
  Response handle(const Request& req);
  // For the live stream: the session of a request, if valid.
  std::optional<Session> session_of(const Request& req);
  Store& store() { return store_; }

 private:
  Response api(const Request& req, const Session& s);
  Response login(const Request& req);
  Response cases(const Request& req);
  Response case_detail(int64_t id);
  Response triage(const Request& req, const Session& s, int64_t id);
  Response b1_csv(const Session& s, Role role, const std::vector<int64_t>& ids);
  Response b1_pdf(const Session& s, Role role, int64_t id);
  std::string region_name(const std::string& code) const;
  // A new session for `u`; returns its Set-Cookie value and fills `s`.
  std::string start_session(const User& u, Session& s);
  // SSO mode: the session of the account the trusted header names (a new one when the
  // request's cookie is for nobody or someone else); nullopt with `refused` set when the
  // header came from an untrusted address or names no enabled account.
  std::optional<Session> sso_session(const Request& req, std::optional<Session> current,
                                     std::string& set_cookie, std::optional<Response>& refused);

  Store& store_;
  IngestStats& stats_;
  WebOptions opt_;
  Throttle throttle_;
  TriageMetrics triage_metrics_;
};

// Query-string and cookie helpers (exposed for tests).
std::map<std::string, std::string> parse_query(const std::string& q);
std::string cookie_value(const std::string& header, const std::string& name);

}  // namespace netra::console
