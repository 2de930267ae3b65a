#pragma once
// The SSO reverse-proxy mode's trust check: the addresses (IPv4/IPv6, single or CIDR) a
// trusted user header is accepted from (console.sso_trusted). Pure: no I/O.
#include <array>
#include <string>
#include <vector>

namespace netra::console {

struct AddressRange {
  bool v6 = false;
  std::array<unsigned char, 16> bytes{};
  int prefix = 0;  // leading bits that must match
};

// Parses "10.0.0.5", "10.0.0.0/8", "::1", "fd00::/8". False with `error` naming the bad entry.
bool parse_address_ranges(const std::vector<std::string>& specs, std::vector<AddressRange>& out,
                          std::string& error);

// Whether `address` (a peer address as text; an IPv4-mapped IPv6 address counts as IPv4) is in
// one of `ranges`. An unparsable address is in none.
bool address_in(const std::string& address, const std::vector<AddressRange>& ranges);

}  // namespace netra::console
