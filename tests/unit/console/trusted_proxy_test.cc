#include "console/trusted_proxy.h"

#include <gtest/gtest.h>

namespace netra::console {
namespace {

TEST(TrustedProxy, AddressesAndCidrs) {
  std::vector<AddressRange> r;
  std::string error;
  ASSERT_TRUE(
      parse_address_ranges({"127.0.0.1", "10.20.0.0/16", "fd00::/8", "192.168.1.0/25"}, r, error))
      << error;
  EXPECT_TRUE(address_in("127.0.0.1", r));
  EXPECT_FALSE(address_in("127.0.0.2", r));
  EXPECT_TRUE(address_in("10.20.255.1", r));
  EXPECT_FALSE(address_in("10.21.0.1", r));
  EXPECT_TRUE(address_in("192.168.1.127", r));
  EXPECT_FALSE(address_in("192.168.1.128", r));
  EXPECT_TRUE(address_in("fd12:3456::1", r));
  EXPECT_FALSE(address_in("fe80::1", r));
  EXPECT_TRUE(address_in("::ffff:127.0.0.1", r));  // IPv4-mapped counts as IPv4
  EXPECT_FALSE(address_in("", r));
  EXPECT_FALSE(address_in("bukan-alamat", r));
  ASSERT_TRUE(parse_address_ranges({"0.0.0.0/0"}, r, error));
  EXPECT_TRUE(address_in("8.8.8.8", r));
  EXPECT_FALSE(address_in("::1", r));
}

TEST(TrustedProxy, BadEntriesAreNamed) {
  std::vector<AddressRange> r;
  std::string error;
  EXPECT_FALSE(parse_address_ranges({"10.0.0.0/33"}, r, error));
  EXPECT_NE(error.find("10.0.0.0/33"), std::string::npos);
  EXPECT_FALSE(parse_address_ranges({"proxy.local"}, r, error));
  EXPECT_FALSE(parse_address_ranges({"10.0.0.1/"}, r, error));
  EXPECT_FALSE(parse_address_ranges({"::1/129"}, r, error));
  EXPECT_TRUE(parse_address_ranges({"::1/128"}, r, error));
}

}  // namespace
}  // namespace netra::console
