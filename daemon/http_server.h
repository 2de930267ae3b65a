#pragma once
// A small HTTP/1.1 server on one port (Boost.Asio) for the daemon's endpoints (daemon/endpoints.h).
// GET and HEAD requests are answered on the server's thread and must be quick (probes, scrapes);
// other methods (POST /-/reload) run one at a time on a second thread, so a slow action never
// delays a probe. The request body is not read; each response closes the connection. Never on the
// event path.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>  // Boost 1.74 Asio uses std::exchange without including it (C++20)

namespace netra::daemon {

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};

struct HttpRequest {
  std::string_view method;  // as sent: GET, HEAD, POST, ...
  std::string_view path;    // without the query string
};

// HEAD requests reach the handler as they are; the server drops the body of the response.
using HttpHandler = std::function<HttpResponse(const HttpRequest& request)>;

class HttpServer {
 public:
  HttpServer();
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds `listen` ("host:port", port 0 = any free port) and starts serving on its own thread.
  // Returns false with a message in `error`.
  bool start(const std::string& listen, HttpHandler handler, std::string& error);
  // The bound port (after start).
  uint16_t port() const;
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace netra::daemon
