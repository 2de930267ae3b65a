#include "console/auth.h"

#include <gtest/gtest.h>

namespace netra::console {
namespace {

TEST(Auth, Argon2idHashesVerify) {
  ASSERT_TRUE(auth_init());
  const std::string h = hash_password("rahasia-123");
  ASSERT_EQ(h.rfind("$argon2id$", 0), 0u) << h;
  EXPECT_TRUE(verify_password(h, "rahasia-123"));
  EXPECT_FALSE(verify_password(h, "rahasia-124"));
  EXPECT_FALSE(verify_password("", "rahasia-123"));
  EXPECT_NE(hash_password("rahasia-123"), h);  // salted
}

TEST(Auth, Tokens) {
  ASSERT_TRUE(auth_init());
  const std::string a = random_token(), b = random_token();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_NE(a, b);
  EXPECT_EQ(token_hash(a), token_hash(a));
  EXPECT_NE(token_hash(a), a);
  EXPECT_TRUE(same_secret(a, a));
  EXPECT_FALSE(same_secret(a, b));
  EXPECT_FALSE(same_secret("", ""));
}

TEST(Auth, ThrottleLocksAfterFailuresUntilTheWindowPasses) {
  Throttle t(3, std::chrono::minutes(15));
  auto now = Throttle::Clock::now();
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(t.allowed("budi", now));
    t.failure("budi", now);
  }
  EXPECT_FALSE(t.allowed("budi", now + std::chrono::minutes(14)));
  EXPECT_TRUE(t.allowed("siti", now));
  EXPECT_TRUE(t.allowed("budi", now + std::chrono::minutes(16)));
  t.failure("siti", now);
  t.success("siti");
  t.failure("siti", now);
  t.failure("siti", now);
  EXPECT_TRUE(t.allowed("siti", now));  // a success resets the count
}

}  // namespace
}  // namespace netra::console
