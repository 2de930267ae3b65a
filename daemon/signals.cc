#include "daemon/signals.h"

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <memory>
#include <thread>

#include "daemon/log.h"

namespace netra::daemon {
namespace {

sigset_t netra_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  return set;
}

}  // namespace

void block_signals() {
  sigset_t set = netra_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

std::function<void()> handle_signals(std::function<void()> on_stop,
                                     std::function<void()> on_reload) {
  sigset_t set = netra_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  auto quit = std::make_shared<std::atomic<bool>>(false);
  auto th = std::make_shared<std::thread>(
      [set, quit, stop = std::move(on_stop), reload = std::move(on_reload)] {
        while (!quit->load()) {
          timespec ts{0, 200 * 1000 * 1000};
          int sig = sigtimedwait(&set, nullptr, &ts);
          if (sig == SIGINT || sig == SIGTERM) {
            NETRA_LOG_INFO("%s received", sig == SIGINT ? "SIGINT" : "SIGTERM");
            stop();
          } else if (sig == SIGHUP && reload) {
            reload();
          }
        }
      });
  return [quit, th] {
    quit->store(true);
    if (th->joinable()) th->join();
  };
}

}  // namespace netra::daemon
