#include "console/web_server.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>
#include <utility>  // Boost 1.74 Asio uses std::exchange without including it (C++20)

#include "daemon/log.h"

namespace netra::console {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct WebServer::Impl {
  WebApp& app;
  asio::io_context io;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::thread accept_thread;
  std::atomic<bool> stopping{false};
  std::mutex mu;
  std::condition_variable cv;
  int live = 0;       // connection threads running
  std::set<int> fds;  // their sockets, shut down by stop()
  uint16_t port = 0;

  explicit Impl(WebApp& a) : app(a) {}

  void accept_loop() {
    while (!stopping) {
      boost::system::error_code ec;
      tcp::socket sock(io);
      acceptor->accept(sock, ec);
      if (ec) {
        if (stopping) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        continue;
      }
      const int fd = sock.native_handle();
      {
        std::lock_guard lock(mu);
        ++live;
        fds.insert(fd);
      }
      std::thread([this, fd, s = std::move(sock)]() mutable {
        serve(std::move(s));
        std::lock_guard lock(mu);
        fds.erase(fd);
        --live;
        cv.notify_all();
      }).detach();
    }
  }

  void serve(tcp::socket sock) {
    beast::flat_buffer buf;
    boost::system::error_code ec;
    std::string client = sock.remote_endpoint(ec).address().to_string();
    // Idle keep-alive connections and slow clients are dropped.
    timeval tv{30, 0};
    setsockopt(sock.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    while (!stopping) {
      http::request_parser<http::string_body> parser;
      parser.body_limit(64 * 1024);
      parser.header_limit(16 * 1024);
      http::read(sock, buf, parser, ec);
      if (ec) break;
      auto& msg = parser.get();
      Request req;
      req.method = std::string(msg.method_string());
      std::string target(msg.target());
      size_t q = target.find('?');
      req.path = target.substr(0, q);
      if (q != std::string::npos) req.query = target.substr(q + 1);
      for (const auto& f : msg) {
        std::string name(f.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        req.headers[name] = std::string(f.value());
      }
      req.body = std::move(msg.body());
      req.client = client;
      if (req.path == "/api/stream" && req.method == "GET") {
        stream(sock, req);
        break;
      }
      Response r = app.handle(req);
      http::response<http::string_body> res{static_cast<http::status>(r.status), msg.version()};
      res.set(http::field::server, "netra-console");
      res.set(http::field::content_type, r.content_type);
      for (const auto& [k, v] : r.headers) res.insert(k, v);
      if (req.method != "HEAD") res.body() = std::move(r.body);
      res.keep_alive(msg.keep_alive());
      res.prepare_payload();
      http::write(sock, res, ec);
      if (ec || !res.keep_alive()) break;
    }
    sock.shutdown(tcp::socket::shutdown_both, ec);
  }

  // The live queue: "event: cases" with the store's version whenever it changes.
  void stream(tcp::socket& sock, const Request& req) {
    boost::system::error_code ec;
    if (!app.session_of(req)) {
      const char kDenied[] =
          "HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n"
          "Connection: close\r\n\r\n";
      asio::write(sock, asio::buffer(kDenied, sizeof kDenied - 1), ec);
      return;
    }
    const char kHead[] =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n"
        "X-Accel-Buffering: no\r\nConnection: close\r\n\r\nretry: 1000\n\n";
    asio::write(sock, asio::buffer(kHead, sizeof kHead - 1), ec);
    int64_t sent = -1;
    auto last_write = std::chrono::steady_clock::now();
    while (!ec && !stopping) {
      const int64_t v = app.store().version();
      const auto now = std::chrono::steady_clock::now();
      if (v != sent) {
        const std::string ev = "event: cases\ndata: " + std::to_string(v) + "\n\n";
        asio::write(sock, asio::buffer(ev), ec);
        sent = v;
        last_write = now;
      } else if (now - last_write > std::chrono::seconds(15)) {
        asio::write(sock, asio::buffer(": keep-alive\n\n", 14), ec);
        last_write = now;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
  }
};

WebServer::WebServer(WebApp& app) : impl_(std::make_unique<Impl>(app)) {}
WebServer::~WebServer() { stop(); }

bool WebServer::start(const std::string& listen, std::string& error) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos) {
    error = "console.listen must be host:port, got '" + listen + "'";
    return false;
  }
  std::string host = listen.substr(0, colon);
  if (host.size() > 1 && host.front() == '[') host = host.substr(1, host.size() - 2);
  boost::system::error_code ec;
  auto addr = asio::ip::make_address(host.empty() ? "0.0.0.0" : host, ec);
  if (ec) {
    error = "console.listen: bad address '" + host + "'";
    return false;
  }
  int port = 0;
  try {
    port = std::stoi(listen.substr(colon + 1));
  } catch (...) {
    port = -1;
  }
  if (port < 0 || port > 65535) {
    error = "console.listen: bad port in '" + listen + "'";
    return false;
  }
  auto acc = std::make_unique<tcp::acceptor>(impl_->io);
  tcp::endpoint ep(addr, static_cast<uint16_t>(port));
  acc->open(ep.protocol(), ec);
  if (!ec) acc->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acc->bind(ep, ec);
  if (!ec) acc->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    error = "cannot listen on " + listen + ": " + ec.message();
    return false;
  }
  impl_->port = acc->local_endpoint().port();
  impl_->acceptor = std::move(acc);
  impl_->accept_thread = std::thread([this] { impl_->accept_loop(); });
  return true;
}

uint16_t WebServer::port() const { return impl_->port; }

void WebServer::stop() {
  if (!impl_->acceptor || impl_->stopping.exchange(true)) return;
  boost::system::error_code ec;
  // Unblocks accept().
  ::shutdown(impl_->acceptor->native_handle(), SHUT_RDWR);
  impl_->acceptor->close(ec);
  if (impl_->accept_thread.joinable()) impl_->accept_thread.join();
  // Wakes the connection threads blocked in a read; streams notice
  // `stopping` within their 250 ms tick.
  std::unique_lock lock(impl_->mu);
  for (int fd : impl_->fds) ::shutdown(fd, SHUT_RDWR);
  impl_->cv.wait_for(lock, std::chrono::seconds(5), [&] { return impl_->live == 0; });
}

}  // namespace netra::console
