#include "console/auth.h"

#include <sodium.h>

namespace netra::console {

bool auth_init() { return sodium_init() >= 0; }

std::string hash_password(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    return "";
  return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

namespace {
std::string hex(const unsigned char* p, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), p, n);
  out.pop_back();
  return out;
}
}  // namespace

std::string random_token() {
  unsigned char buf[32];
  randombytes_buf(buf, sizeof buf);
  return hex(buf, sizeof buf);
}

std::string token_hash(const std::string& token) {
  unsigned char out[crypto_generichash_BYTES];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return hex(out, sizeof out);
}

bool same_secret(const std::string& a, const std::string& b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool Throttle::allowed(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return true;
  if (now - it->second.last >= window_) {
    entries_.erase(it);
    return true;
  }
  return it->second.failures < max_failures_;
}

void Throttle::failure(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mu_);
  Entry& e = entries_[key];
  if (e.failures && now - e.last >= window_) e.failures = 0;
  ++e.failures;
  e.last = now;
  // Bound the map: forget the stale entries when it grows.
  if (entries_.size() > 100000)
    std::erase_if(entries_, [&](const auto& kv) { return now - kv.second.last >= window_; });
}

void Throttle::success(const std::string& key) {
  std::lock_guard lock(mu_);
  entries_.erase(key);
}

}  // namespace netra::console
