// `netra eval` end to end on the shipped config: exit codes and the file:line of input errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "daemon/cli.h"
#include "daemon/commands.h"

namespace netra::daemon {
namespace {

class CmdEval : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("netra_eval_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    // e1: an ASN like on a registered candidate account (fires); e2: silent everyday post.
    write(
        "set.events.ndjson",
        R"({"event_id":"e1","platform":"x","action":"like","ts":"2024-01-10T10:00:00+07:00","actor":{"account_id":"x:1","nip":"198503122010011002"},"target":{"account_id":"x:900000201"}})"
        "\n"
        R"({"event_id":"e2","platform":"x","action":"post","ts":"2024-01-10T10:00:00+07:00","actor":{"account_id":"x:1","nip":"198503122010011002"},"text":"kantor pindah ke lantai 2"})"
        "\n");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void write(const std::string& name, const std::string& body) {
    std::ofstream(dir_ / name, std::ios::binary) << body;
  }
  int run(std::vector<std::string> args) {
    std::vector<std::string> all = {"netra",    "eval",
                                    "--config", NETRA_SOURCE_DIR "/config/netra.yaml",
                                    "--set",    "cache.dir=" + (dir_ / "cache").string()};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    ::testing::internal::CaptureStderr();
    ::testing::internal::CaptureStdout();
    int rc = run_cli(int(argv.size()), argv.data(), {add_eval});
    out_ = ::testing::internal::GetCapturedStdout();
    err_ = ::testing::internal::GetCapturedStderr();
    return rc;
  }
  std::string path(const std::string& name) { return (dir_ / name).string(); }

  std::filesystem::path dir_;
  std::string out_, err_;
};

TEST_F(CmdEval, ScoresAndGatesOnThresholds) {
  write("set.labels.ndjson",
        R"({"event_id":"e1","expect":["engage_political_account"],"groups":["pilpres"]})"
        "\n"
        R"({"event_id":"e2","expect":["online_campaign_post"],"groups":["slang"]})"
        "\n");
  EXPECT_EQ(run({dir_.string()}), 0) << err_;
  EXPECT_NE(out_.find("e2 online_campaign_post [slang] text: kantor pindah ke lantai 2"),
            std::string::npos)
      << out_;
  // micro: tp 1, fn 1 -> F1 2/3; online_campaign_post recall 0.
  EXPECT_EQ(run({"--min-f1", "0.6", dir_.string()}), 0);
  EXPECT_EQ(run({"--min-f1", "0.7", dir_.string()}), 1);
  EXPECT_EQ(run({"--min-recall", "0.5", dir_.string()}), 1);
  EXPECT_NE(out_.find("FAIL: online_campaign_post recall"), std::string::npos) << out_;
  EXPECT_EQ(run({"--min-recall", "0.5", "--min-recall", "online_campaign_post=0", dir_.string()}),
            0);
  EXPECT_EQ(run({"--json", path("set.labels.ndjson"), path("set.events.ndjson")}), 0);
  EXPECT_NE(out_.find(R"("micro":{"rule_id":"micro","support":2,"tp":1,"fp":0,"fn":1)"),
            std::string::npos)
      << out_;
}

TEST_F(CmdEval, InputErrorsNameFileAndLine) {
  const std::string labels = path("set.labels.ndjson"), events = path("set.events.ndjson");
  write(
      "set.labels.ndjson",
      "{\"event_id\":\"e1\",\"expect\":[]}\n{\"event_id\":\"e2\",\"expect\":[\"no_such_rule\"]}\n");
  EXPECT_EQ(run({labels, events}), 2);
  EXPECT_NE(err_.find(labels + ":2: unknown rule id 'no_such_rule'"), std::string::npos) << err_;

  write("set.labels.ndjson",
        "{\"event_id\":\"e1\",\"expect\":[]}\n{\"event_id\":\"e2\",\"expect\":[]\n");
  EXPECT_EQ(run({labels, events}), 2);
  EXPECT_NE(err_.find(labels + ":2: bad JSON"), std::string::npos) << err_;

  write("set.labels.ndjson", "{\"event_id\":\"e1\",\"expect\":[]}\n");
  EXPECT_EQ(run({labels, events}), 2);
  EXPECT_NE(err_.find(events + ":2: event 'e2' has no label"), std::string::npos) << err_;

  write("set.labels.ndjson",
        "{\"event_id\":\"e1\",\"expect\":[]}\n{\"event_id\":\"e2\",\"expect\":[]}\n\n"
        "{\"event_id\":\"e3\",\"expect\":[]}\n");
  EXPECT_EQ(run({labels, events}), 2);
  EXPECT_NE(err_.find(labels + ":4: label for event e3 that no events file holds"),
            std::string::npos)
      << err_;

  EXPECT_EQ(run({labels}), 2);
  EXPECT_EQ(run({"--min-f1", "2", labels, events}), 2);
}

}  // namespace
}  // namespace netra::daemon
