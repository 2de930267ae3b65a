#include "daemon/metrics.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

namespace netra::daemon {
namespace {

TEST(Metrics, ExposesEveryDocumentedName) {
  Metrics m;
  m.events("alerted", "x", "post").Increment();
  m.alerts("engage_political_account", "high", "32").Increment();
  m.dead_letter("invalid_json").Increment();
  m.suppressed("campaign_event_presence", "negation").Increment();
  m.set_rules_info("abc123", 13, 1000);
  m.set_consumer_lag({{"in", 0, 5}, {"in", 1, 7}});
  std::string text = m.serialize();
  EXPECT_NE(text.find("netra_consumer_lag_messages 12"), std::string::npos) << text;

  std::ifstream doc(NETRA_SOURCE_DIR "/docs/metrics.md");
  ASSERT_TRUE(doc) << "docs/metrics.md";
  std::regex row(R"(^\| `(netra_[a-z_]+)` \| (\w+))");
  std::string line;
  int names = 0;
  while (std::getline(doc, line)) {
    std::smatch mt;
    if (!std::regex_search(line, mt, row)) continue;
    // The console's own /metrics (console/metrics.cc) exposes netra_console_*; not the daemon.
    if (mt[1].str().rfind("netra_console_", 0) == 0) continue;
    ++names;
    std::string type = mt[2] == "gauge" ? "gauge" : mt[2].str();
    EXPECT_NE(text.find("# TYPE " + mt[1].str() + " " + type), std::string::npos)
        << mt[1] << " (" << type << ") is documented but not exposed";
  }
  EXPECT_GE(names, 19);
}

TEST(Metrics, LagGaugesFollowAssignment) {
  Metrics m;
  m.set_consumer_lag({{"in", 0, 5}, {"in", 1, 7}});
  m.set_consumer_lag({{"in", 1, 1}});
  std::string text = m.serialize();
  EXPECT_EQ(text.find("partition=\"0\""), std::string::npos) << "revoked partition still exported";
  EXPECT_NE(text.find("netra_consumer_lag_messages 1"), std::string::npos);
}

TEST(Metrics, HistogramBatchMatchesDirectObservation) {
  Metrics m;
  {
    HistogramBatch b(m.processing_seconds, Metrics::processing_buckets());
    for (int i = 0; i < 1000; ++i) b.observe(i * 1e-6);
  }
  std::string text = m.serialize();
  EXPECT_NE(text.find("netra_processing_seconds_count 1000"), std::string::npos) << text;
  EXPECT_NE(text.find("netra_processing_seconds_bucket{le=\"1e-06\"} 2"), std::string::npos)
      << "0 and 1e-6 fall in le=1e-6";
}

}  // namespace
}  // namespace netra::daemon
