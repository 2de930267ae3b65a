#pragma once
// SIGINT, SIGTERM and SIGHUP for the daemon: blocked in every thread and turned into calls by one
// thread that waits for them with sigtimedwait (no async-signal-safety constraints on the calls).
#include <functional>

namespace netra::daemon {

// Blocks SIGINT, SIGTERM and SIGHUP in the calling thread, so that threads started afterwards
// (librdkafka's too) inherit the mask. Call first thing in a subcommand.
void block_signals();

// Blocks them in the calling thread (call before starting any thread) and starts a thread that
// calls `on_stop` for SIGINT/SIGTERM and `on_reload` for SIGHUP (ignored when `on_reload` is
// empty). Both must be quick and thread-safe. Returns a function that stops that thread.
std::function<void()> handle_signals(std::function<void()> on_stop,
                                     std::function<void()> on_reload);

}  // namespace netra::daemon
