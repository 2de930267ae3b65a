#include "daemon/http_server.h"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace netra::daemon {
namespace {

std::string get(uint16_t port, const std::string& request) {
  namespace asio = boost::asio;
  asio::io_context io;
  asio::ip::tcp::socket s(io);
  s.connect({asio::ip::make_address("127.0.0.1"), port});
  asio::write(s, asio::buffer(request));
  std::string out;
  boost::system::error_code ec;
  char buf[4096];
  for (;;) {
    size_t n = s.read_some(asio::buffer(buf), ec);
    out.append(buf, n);
    if (ec) break;
  }
  return out;
}

TEST(HttpServer, ServesPathsOnAnyFreePort) {
  HttpServer server;
  std::string err;
  ASSERT_TRUE(server.start(
      "127.0.0.1:0",
      [](const HttpRequest& req) {
        if (req.method != "GET" && req.method != "HEAD")
          return HttpResponse{405, "text/plain", "method not allowed\n"};
        if (req.path == "/healthz") return HttpResponse{200, "text/plain", "ok\n"};
        return HttpResponse{404, "text/plain", "not found\n"};
      },
      err))
      << err;
  ASSERT_NE(server.port(), 0);
  std::string r = get(server.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(r.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << r;
  EXPECT_NE(r.find("\r\n\r\nok\n"), std::string::npos) << r;
  r = get(server.port(), "GET /nope?x=1 HTTP/1.1\r\n\r\n");
  EXPECT_EQ(r.rfind("HTTP/1.1 404", 0), 0u) << r;
  r = get(server.port(), "POST /healthz HTTP/1.1\r\n\r\n");
  EXPECT_EQ(r.rfind("HTTP/1.1 405", 0), 0u) << r;
  server.stop();
}

// A POST runs on the action thread: a slow one does not delay GETs, and its answer arrives.
TEST(HttpServer, SlowPostDoesNotBlockGet) {
  HttpServer server;
  std::string err;
  std::mutex mu;
  std::condition_variable cv;
  bool release = false;
  ASSERT_TRUE(server.start(
      "127.0.0.1:0",
      [&](const HttpRequest& req) {
        if (req.method == "POST") {
          std::unique_lock lock(mu);
          cv.wait(lock, [&] { return release; });
          return HttpResponse{200, "text/plain", "acted\n"};
        }
        return HttpResponse{200, "text/plain", "ok\n"};
      },
      err))
      << err;
  std::string post;
  std::thread poster([&] { post = get(server.port(), "POST /-/reload HTTP/1.1\r\n\r\n"); });
  std::string r = get(server.port(), "GET /healthz HTTP/1.1\r\n\r\n");
  EXPECT_NE(r.find("\r\n\r\nok\n"), std::string::npos) << r;
  {
    std::lock_guard lock(mu);
    release = true;
  }
  cv.notify_all();
  poster.join();
  EXPECT_EQ(post.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << post;
  EXPECT_NE(post.find("\r\n\r\nacted\n"), std::string::npos) << post;
  r = get(server.port(), "HEAD /healthz HTTP/1.1\r\n\r\n");
  EXPECT_EQ(r.find("ok\n"), std::string::npos) << r;  // HEAD: no body
  server.stop();
}

TEST(HttpServer, BadListen) {
  HttpServer server;
  std::string err;
  EXPECT_FALSE(server.start(
      "nocolon", [](const HttpRequest&) { return HttpResponse{}; }, err));
  EXPECT_FALSE(err.empty());
}

}  // namespace
}  // namespace netra::daemon
