#pragma once
// HTTP/1.1 transport for the console (Boost.Beast): a thread per connection,
// keep-alive, and the live queue as Server-Sent Events on /api/stream (an
// event each time the store's version changes, a comment every 15 s).
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "console/web_app.h"

namespace netra::console {

class WebServer {
 public:
  explicit WebServer(WebApp& app);
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  // Binds `listen` ("host:port", port 0 = any free port) and serves on its own threads.
  bool start(const std::string& listen, std::string& error);
  uint16_t port() const;
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace netra::console
