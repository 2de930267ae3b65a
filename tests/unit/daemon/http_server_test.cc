#include "daemon/http_server.h"

#include <gtest/gtest.h>

#include <boost/asio.hpp>

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
      [](std::string_view path) {
        if (path == "/healthz") return HttpResponse{200, "text/plain", "ok\n"};
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

TEST(HttpServer, BadListen) {
  HttpServer server;
  std::string err;
  EXPECT_FALSE(server.start(
      "nocolon", [](std::string_view) { return HttpResponse{}; }, err));
  EXPECT_FALSE(err.empty());
}

}  // namespace
}  // namespace netra::daemon
