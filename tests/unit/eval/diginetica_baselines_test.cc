// The baselines on the real DIGINETICA split (../shared/data/diginetica,
// beside the project), when it is there: they must land where the published
// and the independently computed figures are (../shared/data/README.md).
#include <filesystem>
#include <string>

#include "absl/types/span.h"
#include "client/eval/baselines.h"
#include "client/eval/metrics.h"
#include "client/eval/popularity.h"
#include "client/eval/sessions_reader.h"
#include "gtest/gtest.h"

namespace ranker::eval {
namespace {

const std::string kDiginetica =
    std::string(RANKER_SOURCE_DIR) + "/../shared/data/diginetica";

class DigineticaBaselinesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(kDiginetica + "/train_sessions.txt")) return;
    absl::StatusOr<Dataset> read = ReadSessionsDataset(kDiginetica);
    ASSERT_TRUE(read.ok()) << read.status();
    dataset_ = new Dataset(*std::move(read));
    popularity_ = new ItemPopularity(dataset_->train, dataset_->items.size());
  }
  static void TearDownTestSuite() {
    delete popularity_;
    delete dataset_;
    popularity_ = nullptr;
    dataset_ = nullptr;
  }
  void SetUp() override {
    if (dataset_ == nullptr) {
      GTEST_SKIP() << kDiginetica << " is absent";
    }
  }

  static MetricsSummary Run(const Baseline& baseline,
                            absl::Span<const TestCase> cases) {
    return Evaluate(RecommendAll(baseline, cases, 20, 2), cases, *popularity_);
  }

  static Dataset* dataset_;
  static ItemPopularity* popularity_;
};

Dataset* DigineticaBaselinesTest::dataset_ = nullptr;
ItemPopularity* DigineticaBaselinesTest::popularity_ = nullptr;

TEST_F(DigineticaBaselinesTest, ReadsTheWholeSplit) {
  EXPECT_EQ(dataset_->train.size(), 186670u);
  EXPECT_EQ(CountTrainEvents(*dataset_), 906140u);
  EXPECT_EQ(popularity_->num_training_items(), 43097u);
  EXPECT_EQ(dataset_->test.size(), 60858u);
}

TEST_F(DigineticaBaselinesTest, FirstTwoThousandCasesAreInASaneRange) {
  const absl::Span<const TestCase> cases(dataset_->test.data(), 2000);
  const MetricsSummary pop = Run(PopBaseline(popularity_), cases);
  const MetricsSummary spop = Run(SPopBaseline(popularity_), cases);
  const MetricsSummary knn =
      Run(ItemKnnBaseline(dataset_->train, popularity_, 20), cases);
  // HR@20 and MRR@20, in percent.
  EXPECT_GT(pop.hr[2], 0.1);
  EXPECT_LT(pop.hr[2], 3.0);
  EXPECT_LT(pop.mrr[2], 1.0);
  EXPECT_GT(spop.hr[2], 17.0);
  EXPECT_LT(spop.hr[2], 28.0);
  EXPECT_GT(spop.mrr[2], 10.0);
  EXPECT_LT(spop.mrr[2], 18.0);
  EXPECT_GT(knn.hr[2], 30.0);
  EXPECT_LT(knn.hr[2], 40.0);
  EXPECT_GT(knn.mrr[2], 8.0);
  EXPECT_LT(knn.mrr[2], 14.0);
  // Every list is full.
  EXPECT_EQ(knn.slots, 2000 * 20);
}

TEST_F(DigineticaBaselinesTest, AllCasesMatchTheIndependentFigures) {
  // ../shared/data/README.md: POP 0.93 / 0.21, S-POP 21.08 / 13.69,
  // Item-KNN 35.07 / 11.00 (HR@20 / MRR@20).
  const MetricsSummary pop = Run(PopBaseline(popularity_), dataset_->test);
  const MetricsSummary spop = Run(SPopBaseline(popularity_), dataset_->test);
  const MetricsSummary knn =
      Run(ItemKnnBaseline(dataset_->train, popularity_, 20), dataset_->test);
  EXPECT_NEAR(pop.hr[2], 0.93, 0.1);
  EXPECT_NEAR(pop.mrr[2], 0.21, 0.1);
  EXPECT_NEAR(spop.hr[2], 21.08, 0.5);
  EXPECT_NEAR(spop.mrr[2], 13.69, 0.5);
  EXPECT_NEAR(knn.hr[2], 35.07, 0.5);
  EXPECT_NEAR(knn.mrr[2], 11.00, 0.5);
}

}  // namespace
}  // namespace ranker::eval
