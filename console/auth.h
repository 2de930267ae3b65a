#pragma once
// Passwords (Argon2id through libsodium), session tokens and login throttling.
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace netra::console {

// Initialises libsodium; false when it cannot (no entropy source).
bool auth_init();

// An Argon2id hash string ("$argon2id$v=19$m=...") of `password`; "" on failure
// (out of memory).
std::string hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);

std::string random_token();  // 32 random bytes, hex
// The hash a session token is stored under (the token itself is never stored).
std::string token_hash(const std::string& token);
// Constant-time comparison of two strings.
bool same_secret(const std::string& a, const std::string& b);

// Login throttling: after `max_failures` failed logins for a key (a user name
// or a client address) within `window`, further attempts are refused until
// the window since the last failure has passed.
class Throttle {
 public:
  using Clock = std::chrono::steady_clock;
  explicit Throttle(int max_failures = 5, Clock::duration window = std::chrono::minutes(15))
      : max_failures_(max_failures), window_(window) {}
  bool allowed(const std::string& key, Clock::time_point now);
  void failure(const std::string& key, Clock::time_point now);
  void success(const std::string& key);

 private:
  struct Entry {
    int failures = 0;
    Clock::time_point last;
  };
  std::mutex mu_;
  std::map<std::string, Entry> entries_;
  int max_failures_;
  Clock::duration window_;
};

}  // namespace netra::console
