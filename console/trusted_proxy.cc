#include "console/trusted_proxy.h"

#include <arpa/inet.h>

#include <cstring>

namespace netra::console {

namespace {

// The address's bytes; an IPv4-mapped IPv6 address (::ffff:a.b.c.d) becomes IPv4.
bool parse_address(const std::string& s, AddressRange& a) {
  a = AddressRange{};
  if (inet_pton(AF_INET, s.c_str(), a.bytes.data()) == 1) return true;
  if (inet_pton(AF_INET6, s.c_str(), a.bytes.data()) != 1) return false;
  static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(a.bytes.data(), kMapped, 12) == 0) {
    std::memmove(a.bytes.data(), a.bytes.data() + 12, 4);
    std::memset(a.bytes.data() + 4, 0, 12);
    return true;
  }
  a.v6 = true;
  return true;
}

}  // namespace

bool parse_address_ranges(const std::vector<std::string>& specs, std::vector<AddressRange>& out,
                          std::string& error) {
  out.clear();
  for (const auto& spec : specs) {
    const size_t slash = spec.find('/');
    AddressRange r;
    if (!parse_address(spec.substr(0, slash), r)) {
      error = "'" + spec + "' is not an IP address or CIDR";
      return false;
    }
    const int bits = r.v6 ? 128 : 32;
    r.prefix = bits;
    if (slash != std::string::npos) {
      const std::string p = spec.substr(slash + 1);
      if (p.empty() || p.size() > 3 || p.find_first_not_of("0123456789") != std::string::npos ||
          std::stoi(p) > bits) {
        error = "'" + spec + "' has a bad prefix length";
        return false;
      }
      r.prefix = std::stoi(p);
    }
    out.push_back(r);
  }
  return true;
}

bool address_in(const std::string& address, const std::vector<AddressRange>& ranges) {
  AddressRange a;
  if (!parse_address(address, a)) return false;
  for (const auto& r : ranges) {
    if (r.v6 != a.v6) continue;
    const int full = r.prefix / 8, rest = r.prefix % 8;
    if (std::memcmp(r.bytes.data(), a.bytes.data(), full) != 0) continue;
    if (rest) {
      const unsigned char mask = static_cast<unsigned char>(0xFF << (8 - rest));
      if ((r.bytes[full] & mask) != (a.bytes[full] & mask)) continue;
    }
    return true;
  }
  return false;
}

}  // namespace netra::console
