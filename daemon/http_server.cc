#include "daemon/http_server.h"

#include <boost/asio.hpp>
#include <thread>

namespace netra::daemon {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

const char* status_text(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Error";
  }
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const HttpHandler& handler, asio::thread_pool& slow)
      : socket_(std::move(socket)),
        timer_(socket_.get_executor()),
        handler_(handler),
        slow_(slow) {}

  void start() {
    timer_.expires_after(std::chrono::seconds(10));
    timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
      if (!ec) {
        boost::system::error_code ignored;
        self->socket_.close(ignored);
      }
    });
    read();
  }

 private:
  void read() {
    asio::async_read_until(socket_, asio::dynamic_buffer(request_, 16384), "\r\n\r\n",
                           [self = shared_from_this()](boost::system::error_code ec, size_t) {
                             if (ec) {
                               self->timer_.cancel();
                               return;
                             }
                             self->respond();
                           });
  }

  void respond() {
    size_t sp1 = request_.find(' ');
    size_t sp2 = sp1 == std::string::npos ? sp1 : request_.find(' ', sp1 + 1);
    if (sp2 == std::string::npos)
      return write({400, "text/plain; charset=utf-8", "bad request\n"}, false);
    std::string_view method(request_.data(), sp1);
    std::string_view target(request_.data() + sp1 + 1, sp2 - sp1 - 1);
    if (auto q = target.find('?'); q != std::string_view::npos) target = target.substr(0, q);
    const bool head = method == "HEAD";
    if (method == "GET" || head) return write(handler_({method, target}), head);
    // Other methods may act (a reload): on the second thread, then back to the socket's. No idle
    // timeout while the action runs.
    timer_.cancel();
    asio::post(slow_, [self = shared_from_this(), method, target] {
      HttpResponse res = self->handler_({method, target});
      asio::post(self->socket_.get_executor(),
                 [self, res = std::move(res)] { self->write(res, false); });
    });
  }

  void write(const HttpResponse& res, bool head) {
    response_ = "HTTP/1.1 " + std::to_string(res.status) + " " + status_text(res.status) +
                "\r\nContent-Type: " + res.content_type +
                "\r\nContent-Length: " + std::to_string(res.body.size()) +
                "\r\nConnection: close\r\n\r\n";
    if (!head) response_ += res.body;
    asio::async_write(socket_, asio::buffer(response_),
                      [self = shared_from_this()](boost::system::error_code, size_t) {
                        boost::system::error_code ignored;
                        self->socket_.shutdown(tcp::socket::shutdown_both, ignored);
                        self->socket_.close(ignored);
                        self->timer_.cancel();
                      });
  }

  tcp::socket socket_;
  asio::steady_timer timer_;
  const HttpHandler& handler_;
  asio::thread_pool& slow_;
  std::string request_;
  std::string response_;
};

}  // namespace

struct HttpServer::Impl {
  asio::io_context io{1};
  asio::thread_pool slow{1};  // requests other than GET and HEAD, one at a time
  tcp::acceptor acceptor{io};
  HttpHandler handler;
  std::thread thread;
  uint16_t port = 0;

  void accept() {
    acceptor.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted) return;
      if (!ec) std::make_shared<Session>(std::move(socket), handler, slow)->start();
      accept();
    });
  }
};

HttpServer::HttpServer() : impl_(std::make_unique<Impl>()) {}
HttpServer::~HttpServer() { stop(); }

bool HttpServer::start(const std::string& listen, HttpHandler handler, std::string& error) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) {
    error = "http.listen must be host:port, got '" + listen + "'";
    return false;
  }
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  if (host.empty()) host = "0.0.0.0";
  char* end = nullptr;
  long port = std::strtol(listen.c_str() + colon + 1, &end, 10);
  if (colon + 1 == listen.size() || *end != '\0' || port < 0 || port > 65535) {
    error = "http.listen has a bad port: '" + listen + "'";
    return false;
  }
  boost::system::error_code ec;
  tcp::resolver resolver(impl_->io);
  auto results = resolver.resolve(host, std::to_string(port), tcp::resolver::passive, ec);
  if (ec || results.empty()) {
    error = "cannot resolve http.listen host '" + host + "': " + ec.message();
    return false;
  }
  tcp::endpoint ep = results.begin()->endpoint();
  impl_->acceptor.open(ep.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(ep, ec);
  if (!ec) impl_->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    error = "cannot listen on " + listen + ": " + ec.message();
    return false;
  }
  impl_->port = impl_->acceptor.local_endpoint().port();
  impl_->handler = std::move(handler);
  impl_->accept();
  impl_->thread = std::thread([this] { impl_->io.run(); });
  return true;
}

uint16_t HttpServer::port() const { return impl_->port; }

void HttpServer::stop() {
  if (!impl_ || !impl_->thread.joinable()) return;
  asio::post(impl_->io, [this] {
    boost::system::error_code ignored;
    impl_->acceptor.close(ignored);
  });
  impl_->io.stop();
  impl_->thread.join();
  impl_->slow.join();
}

}  // namespace netra::daemon
