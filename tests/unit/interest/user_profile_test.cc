#include "core/interest/user_profile.h"

#include <cmath>
#include <optional>
#include <vector>

#include "core/persist/state_encoding.h"
#include "gtest/gtest.h"

namespace ranker {
namespace {

constexpr TimeMs kHour = 60 * kMsPerMinute;
constexpr TimeMs kT0 = 1'700'000'000'000;
constexpr TagId kTravel = 1;
constexpr TagId kLuggage = 2;
constexpr TagId kVideoTopic = 9;

const std::vector<TagWeight> kSuitcaseTags = {{kTravel, 1.0f},
                                              {kLuggage, 0.5f}};

ProfileEvent MakeEvent(EventType type, ProductIdx product, TimeMs time,
                       int64_t dwell_ms = 0) {
  ProfileEvent event;
  event.product = product;
  event.type = type;
  event.time = time;
  event.dwell_ms = dwell_ms;
  event.product_tags = kSuitcaseTags;
  return event;
}

std::optional<float> WeightOf(const std::vector<TagWeight>& weights,
                              TagId tag) {
  for (const TagWeight& tw : weights) {
    if (tw.tag == tag) return tw.weight;
  }
  return std::nullopt;
}

class UserProfileTest : public ::testing::Test {
 protected:
  InterestConfig config_;
};

TEST_F(UserProfileTest, ANewProfileIsKnownButEmpty) {
  UserProfile profile;
  ProfileView view = profile.View(kT0, config_);
  EXPECT_TRUE(view.known);
  EXPECT_TRUE(view.long_term.empty());
  EXPECT_TRUE(view.instant.empty());
  EXPECT_TRUE(view.recent_products.empty());
  EXPECT_EQ(profile.last_event_time(), 0);
}

TEST_F(UserProfileTest, CountsEveryEventByTypeExactly) {
  UserProfile profile;
  profile.Apply(MakeEvent(EventType::kImpression, 5, kT0), config_);
  profile.Apply(MakeEvent(EventType::kImpression, 6, kT0), config_);
  profile.Apply(MakeEvent(EventType::kClick, 5, kT0 + 1), config_);
  profile.Apply(MakeEvent(EventType::kNotInterested, 6, kT0 + 2), config_);
  // An event arriving late counts like any other, without moving the clock.
  profile.Apply(MakeEvent(EventType::kPurchase, 5, kT0 - kHour), config_);
  // A month later the counts have not decayed.
  const ProfileView view = profile.View(kT0 + 30 * kMsPerDay, config_);
  EXPECT_EQ(view.event_counts[static_cast<int>(EventType::kImpression)], 2u);
  EXPECT_EQ(view.event_counts[static_cast<int>(EventType::kClick)], 1u);
  EXPECT_EQ(view.event_counts[static_cast<int>(EventType::kNotInterested)], 1u);
  EXPECT_EQ(view.event_counts[static_cast<int>(EventType::kPurchase)], 1u);
  EXPECT_EQ(view.event_counts[static_cast<int>(EventType::kLike)], 0u);
  EXPECT_EQ(TotalEvents(view.event_counts), 5u);
  EXPECT_EQ(view.last_event_time, kT0 + 2);
  EXPECT_EQ(profile.event_counts(), view.event_counts);
}

TEST_F(UserProfileTest, ClickMovesBothSpeedsByTheirRates) {
  UserProfile profile;
  profile.Apply(MakeEvent(EventType::kClick, 5, kT0), config_);
  ProfileView view = profile.View(kT0, config_);
  // click weight 1 × tag weight × rate (long-term 1, instant 2).
  EXPECT_FLOAT_EQ(*WeightOf(view.long_term, kTravel), 1.0f);
  EXPECT_FLOAT_EQ(*WeightOf(view.long_term, kLuggage), 0.5f);
  EXPECT_FLOAT_EQ(*WeightOf(view.instant, kTravel), 2.0f);
  EXPECT_FLOAT_EQ(*WeightOf(view.instant, kLuggage), 1.0f);
  EXPECT_EQ(view.long_term[0].tag, kTravel);  // strongest first
  EXPECT_EQ(profile.last_event_time(), kT0);
}

TEST_F(UserProfileTest, InstantInterestDecaysMuchFasterThanLongTerm) {
  UserProfile profile;
  profile.Apply(MakeEvent(EventType::kClick, 5, kT0), config_);
  ProfileView view = profile.View(kT0 + 2 * kHour, config_);
  // Instant: 30-minute half-life, four halvings of 2.0.
  EXPECT_NEAR(*WeightOf(view.instant, kTravel), 0.125, 1e-6);
  // Long-term: 14-day half-life, 2 hours is 1/168 of it.
  EXPECT_NEAR(*WeightOf(view.long_term, kTravel), std::exp2(-1.0 / 168), 1e-6);
  EXPECT_GT(*WeightOf(view.long_term, kTravel),
            *WeightOf(view.instant, kTravel));
}

TEST_F(UserProfileTest, NotInterestedGivesNegativeWeightAndRecordsDismissal) {
  UserProfile profile;
  profile.Apply(MakeEvent(EventType::kNotInterested, 5, kT0), config_);
  ProfileView view = profile.View(kT0, config_);
  EXPECT_FLOAT_EQ(*WeightOf(view.long_term, kTravel), -4.0f);
  EXPECT_FLOAT_EQ(*WeightOf(view.instant, kTravel), -8.0f);
  EXPECT_EQ(view.long_term.back().tag, kTravel);  // most negative last
  ASSERT_TRUE(view.dismissed.contains(5));
  EXPECT_EQ(view.dismissed.at(5), kT0);
  EXPECT_TRUE(view.recent_products.empty());
  EXPECT_TRUE(view.purchases.empty());
}

TEST_F(UserProfileTest, NotInterestedOutweighsAnEarlierClick) {
  UserProfile profile;
  profile.Apply(MakeEvent(EventType::kClick, 5, kT0), config_);
  profile.Apply(MakeEvent(EventType::kNotInterested, 5, kT0), config_);
  EXPECT_FLOAT_EQ(*WeightOf(profile.View(kT0, config_).long_term, kTravel),
                  -3.0f);
}

TEST_F(UserProfileTest, PurchaseIsRecordedWithItsLatestTime) {
  UserProfile profile;
  profile.Apply(MakeEvent(EventType::kPurchase, 5, kT0 + 10), config_);
  profile.Apply(MakeEvent(EventType::kPurchase, 5, kT0), config_);  // late
  ProfileView view = profile.View(kT0 + 10, config_);
  ASSERT_TRUE(view.purchases.contains(5));
  EXPECT_EQ(view.purchases.at(5), kT0 + 10);
  EXPECT_FLOAT_EQ(*WeightOf(view.long_term, kTravel), 8.0f);  // 4 + 4
  EXPECT_TRUE(view.recent_products.empty());
  EXPECT_EQ(profile.last_event_time(), kT0 + 10);
}

TEST_F(UserProfileTest, PurchasesAreCappedDroppingTheOldest) {
  config_.max_purchases = 2;
  UserProfile profile;
  profile.Apply(MakeEvent(EventType::kPurchase, 1, kT0 + 1), config_);
  profile.Apply(MakeEvent(EventType::kPurchase, 2, kT0 + 2), config_);
  profile.Apply(MakeEvent(EventType::kPurchase, 3, kT0 + 3), config_);
  ProfileView view = profile.View(kT0 + 3, config_);
  EXPECT_EQ(view.purchases.size(), 2u);
  EXPECT_FALSE(view.purchases.contains(1));
  EXPECT_TRUE(view.purchases.contains(2));
  EXPECT_TRUE(view.purchases.contains(3));
}

TEST_F(UserProfileTest, AddToCartIsRememberedUntilThePurchase) {
  UserProfile profile;
  profile.Apply(MakeEvent(EventType::kAddToCart, 5, kT0), config_);
  ProfileView view = profile.View(kT0 + 10, config_);
  ASSERT_TRUE(view.carted.contains(5));
  EXPECT_EQ(view.carted.at(5), kT0);
  EXPECT_EQ(view.recent_products, (std::vector<ProductIdx>{5}));
  EXPECT_FLOAT_EQ(*WeightOf(view.long_term, kTravel), 3.0f);

  profile.Apply(MakeEvent(EventType::kPurchase, 5, kT0 + 10), config_);
  view = profile.View(kT0 + 10, config_);
  EXPECT_TRUE(view.carted.empty());
  EXPECT_TRUE(view.purchases.contains(5));
}

TEST_F(UserProfileTest, APurchaseSettlesOnlyThatProductsCart) {
  UserProfile profile;
  profile.Apply(MakeEvent(EventType::kAddToCart, 5, kT0), config_);
  profile.Apply(MakeEvent(EventType::kAddToCart, 6, kT0), config_);
  profile.Apply(MakeEvent(EventType::kPurchase, 6, kT0 + 1), config_);
  const ProfileView view = profile.View(kT0 + 1, config_);
  EXPECT_EQ(view.carted.size(), 1u);
  EXPECT_TRUE(view.carted.contains(5));
}

TEST_F(UserProfileTest, ACartAfterThePurchaseStands) {
  UserProfile profile;
  profile.Apply(MakeEvent(EventType::kPurchase, 5, kT0), config_);
  profile.Apply(MakeEvent(EventType::kAddToCart, 5, kT0 + 10), config_);
  const ProfileView view = profile.View(kT0 + 10, config_);
  ASSERT_TRUE(view.carted.contains(5));
  EXPECT_EQ(view.carted.at(5), kT0 + 10);
}

TEST_F(UserProfileTest, ALateCartFromBeforeThePurchaseIsSettled) {
  UserProfile profile;
  profile.Apply(MakeEvent(EventType::kPurchase, 5, kT0 + 10), config_);
  profile.Apply(MakeEvent(EventType::kAddToCart, 5, kT0), config_);  // late
  EXPECT_TRUE(profile.View(kT0 + 10, config_).carted.empty());
  // A purchase that arrives late does not settle a later cart either.
  profile.Apply(MakeEvent(EventType::kAddToCart, 6, kT0 + 20), config_);
  profile.Apply(MakeEvent(EventType::kPurchase, 6, kT0 + 15), config_);
  EXPECT_TRUE(profile.View(kT0 + 20, config_).carted.contains(6));
}

TEST_F(UserProfileTest, CartsAreCappedDroppingTheOldest) {
  config_.max_carted = 2;
  UserProfile profile;
  profile.Apply(MakeEvent(EventType::kAddToCart, 1, kT0 + 1), config_);
  profile.Apply(MakeEvent(EventType::kAddToCart, 2, kT0 + 2), config_);
  profile.Apply(MakeEvent(EventType::kAddToCart, 3, kT0 + 3), config_);
  const ProfileView view = profile.View(kT0 + 3, config_);
  EXPECT_EQ(view.carted.size(), 2u);
  EXPECT_FALSE(view.carted.contains(1));
  EXPECT_TRUE(view.carted.contains(2));
  EXPECT_TRUE(view.carted.contains(3));
}

TEST_F(UserProfileTest, CartsOlderThanTheMemoryNoLongerCount) {
  UserProfile profile;
  profile.Apply(MakeEvent(EventType::kAddToCart, 5, kT0), config_);
  EXPECT_TRUE(profile.View(kT0 + config_.cart_memory_ms - 1, config_)
                  .carted.contains(5));
  EXPECT_TRUE(
      profile.View(kT0 + config_.cart_memory_ms, config_).carted.empty());
  // Carting it again starts afresh.
  profile.Apply(
      MakeEvent(EventType::kAddToCart, 5, kT0 + config_.cart_memory_ms),
      config_);
  EXPECT_TRUE(
      profile.View(kT0 + config_.cart_memory_ms, config_).carted.contains(5));
}

TEST_F(UserProfileTest, DismissedAreCappedDroppingTheOldest) {
  config_.max_dismissed = 1;
  UserProfile profile;
  profile.Apply(MakeEvent(EventType::kNotInterested, 1, kT0 + 1), config_);
  profile.Apply(MakeEvent(EventType::kNotInterested, 2, kT0 + 2), config_);
  ProfileView view = profile.View(kT0 + 3, config_);
  EXPECT_EQ(view.dismissed.size(), 1u);
  EXPECT_TRUE(view.dismissed.contains(2));
}

TEST_F(UserProfileTest, DwellIsScaledByDwellTimeUpToTheFullDwell) {
  UserProfile half;
  half.Apply(MakeEvent(EventType::kDwell, 5, kT0, /*dwell_ms=*/15'000),
             config_);
  // dwell weight 0.5 × 15 s / 30 s.
  EXPECT_FLOAT_EQ(*WeightOf(half.View(kT0, config_).long_term, kTravel), 0.25f);
  EXPECT_FLOAT_EQ(*WeightOf(half.View(kT0, config_).instant, kTravel), 0.5f);

  UserProfile long_dwell;
  long_dwell.Apply(MakeEvent(EventType::kDwell, 5, kT0, /*dwell_ms=*/120'000),
                   config_);
  EXPECT_FLOAT_EQ(*WeightOf(long_dwell.View(kT0, config_).long_term, kTravel),
                  0.5f);

  UserProfile no_dwell;
  no_dwell.Apply(MakeEvent(EventType::kDwell, 5, kT0, /*dwell_ms=*/0), config_);
  EXPECT_TRUE(no_dwell.View(kT0, config_).long_term.empty());
}

TEST_F(UserProfileTest, ImpressionChangesNothingButMakesTheUserKnown) {
  UserProfile profile;
  profile.Apply(MakeEvent(EventType::kImpression, 5, kT0), config_);
  ProfileView view = profile.View(kT0, config_);
  EXPECT_TRUE(view.known);
  EXPECT_TRUE(view.long_term.empty());
  EXPECT_TRUE(view.instant.empty());
  EXPECT_TRUE(view.recent_products.empty());
}

TEST_F(UserProfileTest, EachEventTypeAddsItsConfiguredWeight) {
  for (int t = 0; t < kEventTypeCount; ++t) {
    const EventType type = static_cast<EventType>(t);
    if (type == EventType::kDwell || type == EventType::kImpression) continue;
    UserProfile profile;
    profile.Apply(MakeEvent(type, 5, kT0), config_);
    EXPECT_FLOAT_EQ(*WeightOf(profile.View(kT0, config_).long_term, kTravel),
                    config_.EventWeight(type))
        << EventTypeName(type);
  }
}

TEST_F(UserProfileTest, ContentTagsCountWithTheirFactor) {
  UserProfile profile;
  ProfileEvent event = MakeEvent(EventType::kClick, 5, kT0);
  const std::vector<TagId> content = {kVideoTopic};
  event.content_tags = content;
  profile.Apply(event, config_);
  ProfileView view = profile.View(kT0, config_);
  EXPECT_FLOAT_EQ(*WeightOf(view.long_term, kVideoTopic), 0.5f);
  EXPECT_FLOAT_EQ(*WeightOf(view.instant, kVideoTopic), 1.0f);
}

TEST_F(UserProfileTest, TheContentFormScalesTheWholeUpdate) {
  const struct {
    ContentForm form;
    float factor;
  } cases[] = {{ContentForm::kUnknown, 1.0f},
               {ContentForm::kShortVideo, 1.0f},
               {ContentForm::kLiveStream, 1.25f},
               {ContentForm::kProductCard, 0.8f}};
  for (const auto& c : cases) {
    UserProfile profile;
    ProfileEvent event = MakeEvent(EventType::kAddToCart, 5, kT0);
    const std::vector<TagId> content = {kVideoTopic};
    event.content_tags = content;
    event.content_form = c.form;
    event.creator = 7;
    profile.Apply(event, config_);
    ProfileView view = profile.View(kT0, config_);
    // add_to_cart 3 × form factor × tag weight × speed rate.
    EXPECT_FLOAT_EQ(*WeightOf(view.long_term, kTravel), 3.0f * c.factor)
        << ContentFormName(c.form);
    EXPECT_FLOAT_EQ(*WeightOf(view.instant, kLuggage), 3.0f * c.factor)
        << ContentFormName(c.form);
    EXPECT_FLOAT_EQ(*WeightOf(view.long_term, kVideoTopic), 1.5f * c.factor)
        << ContentFormName(c.form);
    ASSERT_EQ(view.creators.size(), 1u);
    EXPECT_FLOAT_EQ(view.creators[0].weight, 3.0f * c.factor)
        << ContentFormName(c.form);
  }
}

TEST_F(UserProfileTest, EngagementWithACreatorsContentRaisesTheAffinity) {
  UserProfile profile;
  ProfileEvent click = MakeEvent(EventType::kClick, 5, kT0);
  click.creator = 7;
  profile.Apply(click, config_);
  ProfileEvent like = MakeEvent(EventType::kLike, 6, kT0);
  like.creator = 7;
  profile.Apply(like, config_);
  ProfileEvent other = MakeEvent(EventType::kClick, 6, kT0);
  other.creator = 8;
  profile.Apply(other, config_);
  profile.Apply(MakeEvent(EventType::kPurchase, 6, kT0), config_);  // none
  ProfileView view = profile.View(kT0, config_);
  ASSERT_EQ(view.creators.size(), 2u);
  EXPECT_EQ(view.creators[0].creator, 7u);         // strongest first
  EXPECT_FLOAT_EQ(view.creators[0].weight, 2.5f);  // click 1 + like 1.5
  EXPECT_EQ(view.creators[1].creator, 8u);
  EXPECT_FLOAT_EQ(view.creators[1].weight, 1.0f);
}

TEST_F(UserProfileTest, ImpressionsLeaveCreatorAffinityAlone) {
  UserProfile profile;
  ProfileEvent impression = MakeEvent(EventType::kImpression, 5, kT0);
  impression.creator = 7;
  profile.Apply(impression, config_);
  EXPECT_TRUE(profile.View(kT0, config_).creators.empty());
}

TEST_F(UserProfileTest, NotInterestedLowersTheCreatorAffinity) {
  UserProfile profile;
  ProfileEvent click = MakeEvent(EventType::kClick, 5, kT0);
  click.creator = 7;
  profile.Apply(click, config_);
  ProfileEvent rejection = MakeEvent(EventType::kNotInterested, 5, kT0);
  rejection.creator = 7;
  profile.Apply(rejection, config_);
  ProfileView view = profile.View(kT0, config_);
  ASSERT_EQ(view.creators.size(), 1u);
  EXPECT_FLOAT_EQ(view.creators[0].weight, 1.0f - 4.0f);
}

TEST_F(UserProfileTest, CreatorAffinityDecaysLikeLongTermInterest) {
  UserProfile profile;
  ProfileEvent click = MakeEvent(EventType::kClick, 5, kT0);
  click.creator = 7;
  profile.Apply(click, config_);
  ProfileView later = profile.View(kT0 + config_.creator_half_life_ms, config_);
  ASSERT_EQ(later.creators.size(), 1u);
  EXPECT_FLOAT_EQ(later.creators[0].weight, 0.5f);
}

TEST_F(UserProfileTest, CreatorAffinityKeepsTheStrongestCreators) {
  config_.max_creators = 2;
  UserProfile profile;
  const struct {
    CreatorId creator;
    EventType type;
  } events[] = {{1, EventType::kAddToCart},
                {2, EventType::kClick},
                {3, EventType::kPurchase}};
  for (const auto& e : events) {
    ProfileEvent event = MakeEvent(e.type, 5, kT0);
    event.creator = e.creator;
    profile.Apply(event, config_);
  }
  ProfileView view = profile.View(kT0, config_);
  ASSERT_EQ(view.creators.size(), 2u);
  EXPECT_EQ(view.creators[0].creator, 3u);  // purchase 4
  EXPECT_EQ(view.creators[1].creator, 1u);  // add_to_cart 3; click 1 dropped
}

TEST_F(UserProfileTest, FormAffinityCountsEngagementBeforeTheFormsFactor) {
  UserProfile profile;
  ProfileEvent live = MakeEvent(EventType::kAddToCart, 5, kT0);
  live.content_form = ContentForm::kLiveStream;
  profile.Apply(live, config_);
  ProfileEvent card = MakeEvent(EventType::kClick, 6, kT0);
  card.content_form = ContentForm::kProductCard;
  profile.Apply(card, config_);
  profile.Apply(MakeEvent(EventType::kLike, 6, kT0), config_);  // no form
  ProfileView view = profile.View(kT0, config_);
  EXPECT_FLOAT_EQ(
      view.form_affinity[static_cast<int>(ContentForm::kLiveStream)],
      3.0f);  // add_to_cart 3, not 3 × 1.25
  EXPECT_FLOAT_EQ(
      view.form_affinity[static_cast<int>(ContentForm::kProductCard)], 1.0f);
  EXPECT_EQ(view.form_affinity[static_cast<int>(ContentForm::kShortVideo)],
            0.0f);
  EXPECT_EQ(view.form_affinity[static_cast<int>(ContentForm::kUnknown)], 0.0f);
  // One half-life later: halved.
  ProfileView later = profile.View(kT0 + config_.form_half_life_ms, config_);
  EXPECT_FLOAT_EQ(
      later.form_affinity[static_cast<int>(ContentForm::kLiveStream)], 1.5f);
}

TEST_F(UserProfileTest, RejectionsAndImpressionsLeaveFormAffinityAlone) {
  UserProfile profile;
  for (EventType type : {EventType::kNotInterested, EventType::kImpression}) {
    ProfileEvent event = MakeEvent(type, 5, kT0);
    event.content_form = ContentForm::kLiveStream;
    profile.Apply(event, config_);
  }
  EXPECT_EQ(profile.View(kT0, config_)
                .form_affinity[static_cast<int>(ContentForm::kLiveStream)],
            0.0f);
}

TEST_F(UserProfileTest, RecentProductsAreCappedWithTheMostRecentLast) {
  config_.max_recent_products = 3;
  UserProfile profile;
  for (ProductIdx p = 1; p <= 5; ++p) {
    profile.Apply(MakeEvent(EventType::kClick, p, kT0 + p), config_);
  }
  EXPECT_EQ(profile.View(kT0 + 5, config_).recent_products,
            (std::vector<ProductIdx>{3, 4, 5}));
  // Engaging again with a product moves it to the end, without duplicates.
  profile.Apply(MakeEvent(EventType::kAddToCart, 3, kT0 + 6), config_);
  EXPECT_EQ(profile.View(kT0 + 6, config_).recent_products,
            (std::vector<ProductIdx>{4, 5, 3}));
}

TEST_F(UserProfileTest, ImpressionsWithoutEngagementAreCounted) {
  UserProfile profile;
  profile.Apply(MakeEvent(EventType::kImpression, 7, 1000), config_);
  profile.Apply(MakeEvent(EventType::kImpression, 7, 2000), config_);
  const ProfileView view = profile.View(3000, config_);
  ASSERT_EQ(view.unengaged_impressions.count(7), 1u);
  EXPECT_EQ(view.unengaged_impressions.at(7).count, 2u);
  EXPECT_EQ(view.unengaged_impressions.at(7).last, 2000);
}

TEST_F(UserProfileTest, EngagementEndsImpressionFatigue) {
  UserProfile profile;
  profile.Apply(MakeEvent(EventType::kImpression, 7, 1000), config_);
  profile.Apply(MakeEvent(EventType::kClick, 7, 2000), config_);
  EXPECT_TRUE(profile.View(3000, config_).unengaged_impressions.empty());
}

TEST_F(UserProfileTest, ImpressionsLongAfterThePreviousOneCountAfresh) {
  UserProfile profile;
  for (TimeMs t : {1000, 2000, 3000}) {
    profile.Apply(MakeEvent(EventType::kImpression, 7, t), config_);
  }
  const TimeMs later = 3000 + config_.impression_memory_ms + 1;
  profile.Apply(MakeEvent(EventType::kImpression, 7, later), config_);
  EXPECT_EQ(profile.View(later, config_).unengaged_impressions.at(7).count, 1u);
}

TEST_F(UserProfileTest, ImpressionCountsSaturateFarAboveAnyFatigueKnob) {
  UserProfile profile;
  for (int i = 0; i < 70000; ++i) {
    profile.Apply(MakeEvent(EventType::kImpression, 7, 1000 + i), config_);
  }
  const ProfileView view = profile.View(100000, config_);
  EXPECT_EQ(view.unengaged_impressions.at(7).count, 65535u);
  EXPECT_EQ(view.unengaged_impressions.at(7).last, 1000 + 69999);
}

TEST_F(UserProfileTest, ImpressionRecordsKeepFarTimes) {
  UserProfile profile;
  const TimeMs far = TimeMs{1} << 46;  // ~2,200 years after 1970
  profile.Apply(MakeEvent(EventType::kImpression, 7, far), config_);
  EXPECT_EQ(profile.View(far, config_).unengaged_impressions.at(7).last, far);
}

TEST_F(UserProfileTest, ImpressionRecordsAreCappedForgettingTheStalest) {
  config_.max_impression_records = 2;
  UserProfile profile;
  profile.Apply(MakeEvent(EventType::kImpression, 1, 1000), config_);
  profile.Apply(MakeEvent(EventType::kImpression, 2, 2000), config_);
  profile.Apply(MakeEvent(EventType::kImpression, 3, 3000), config_);
  const ProfileView view = profile.View(4000, config_);
  EXPECT_EQ(view.unengaged_impressions.size(), 2u);
  EXPECT_EQ(view.unengaged_impressions.count(1), 0u);
}

// The number of instant-interest entries a profile stores (from its
// snapshot encoding: long-term entries first, then instant ones).
size_t StoredInstantEntries(const UserProfile& profile) {
  persist::Encoder out;
  profile.SaveTo(out);
  persist::Decoder in(out.bytes());
  uint64_t count = 0;
  EXPECT_TRUE(in.GetVarint(count, "long-term").ok());
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t tag = 0;
    DecayedValue weight;
    EXPECT_TRUE(in.GetVarint(tag, "tag").ok());
    EXPECT_TRUE(persist::GetDecayed(in, weight, "weight").ok());
  }
  EXPECT_TRUE(in.GetVarint(count, "instant").ok());
  return count;
}

TEST_F(UserProfileTest, WeightsStayExactAcrossAMovedReferenceTime) {
  // Two days: ~100 instant half-lives, past the point where the profile
  // moves its reference time.
  UserProfile profile;
  profile.Apply(MakeEvent(EventType::kClick, 5, kT0), config_);
  profile.Apply(MakeEvent(EventType::kLike, 6, kT0 + 2 * kMsPerDay), config_);
  const TimeMs now = kT0 + 2 * kMsPerDay + kHour;
  const ProfileView view = profile.View(now, config_);
  const double days = 2.0 + 1.0 / 24;
  EXPECT_NEAR(*WeightOf(view.long_term, kTravel),
              std::exp2(-days / 14) + 1.5 * std::exp2(-1.0 / (24 * 14)), 1e-5);
  EXPECT_NEAR(*WeightOf(view.instant, kTravel), 2 * 1.5 * 0.25, 1e-6);
}

TEST_F(UserProfileTest, InterestThatDecayedToNothingIsDropped) {
  UserProfile profile;
  profile.Apply(MakeEvent(EventType::kClick, 5, kT0), config_);
  EXPECT_EQ(StoredInstantEntries(profile), 2u);
  // A day later the first click's instant interest is 2^-48 of what it was:
  // dropped when the next event moves the reference time.
  ProfileEvent other = MakeEvent(EventType::kClick, 6, kT0 + kMsPerDay);
  const std::vector<TagWeight> tags = {{kVideoTopic, 1.0f}};
  other.product_tags = tags;
  profile.Apply(other, config_);
  EXPECT_EQ(StoredInstantEntries(profile), 1u);
  const ProfileView view = profile.View(kT0 + kMsPerDay, config_);
  ASSERT_EQ(view.instant.size(), 1u);
  EXPECT_EQ(view.instant[0].tag, kVideoTopic);
  EXPECT_EQ(view.long_term.size(), 3u);  // long-term interest remains
}

TEST_F(UserProfileTest, SnapshotsRoundTripBitForBit) {
  UserProfile profile;
  TimeMs t = kT0;
  for (int i = 0; i < 40; ++i) {
    const EventType type = static_cast<EventType>(i % kEventTypeCount);
    ProfileEvent event = MakeEvent(type, static_cast<ProductIdx>(i % 7), t,
                                   /*dwell_ms=*/i * 1000);
    event.creator = static_cast<CreatorId>(i % 3);
    event.content_form = static_cast<ContentForm>(i % kContentFormCount);
    profile.Apply(event, config_);
    t += (i % 5 == 0) ? 13 * kHour : 977;
  }
  persist::Encoder saved;
  profile.SaveTo(saved);
  UserProfile loaded;
  persist::Decoder in(saved.bytes());
  ASSERT_TRUE(loaded.LoadFrom(in, config_).ok());
  EXPECT_TRUE(in.done());
  persist::Encoder again;
  loaded.SaveTo(again);
  EXPECT_EQ(again.bytes(), saved.bytes());
  // And both learn the same from the next event.
  profile.Apply(MakeEvent(EventType::kPurchase, 3, t), config_);
  loaded.Apply(MakeEvent(EventType::kPurchase, 3, t), config_);
  persist::Encoder a, b;
  profile.SaveTo(a);
  loaded.SaveTo(b);
  EXPECT_EQ(a.bytes(), b.bytes());
}

TEST_F(UserProfileTest, LoadsSnapshotsWithATimePerValue) {
  // The encoding of snapshots written before profiles had one reference
  // time: every decayed value with its own time.
  persist::Encoder out;
  out.PutVarint(2);  // long-term
  out.PutVarint(kTravel);
  persist::PutDecayed(out, DecayedValue{4.0f, kT0});
  out.PutVarint(kLuggage);
  persist::PutDecayed(out, DecayedValue{1.0f, kT0 + 14 * kMsPerDay});
  out.PutVarint(1);  // instant
  out.PutVarint(kTravel);
  persist::PutDecayed(out, DecayedValue{8.0f, kT0 + 14 * kMsPerDay - kHour});
  out.PutVarint(0);  // creators
  for (int f = 0; f < kContentFormCount; ++f) {
    persist::PutDecayed(out,
                        DecayedValue{f == 1 ? 2.0f : 0.0f, f == 1 ? kT0 : 0});
  }
  out.PutVarint(1);  // recent
  out.PutVarint(5);
  out.PutVarint(1);  // purchases
  out.PutVarint(5);
  out.PutSigned(kT0);
  out.PutVarint(0);  // carted
  out.PutVarint(0);  // dismissed
  out.PutVarint(1);  // impressions
  out.PutVarint(6);
  out.PutVarint(2);
  out.PutSigned(kT0 + 1);
  persist::PutDecayed(out, DecayedValue{3.0f, kT0});  // commerce shown
  persist::PutDecayed(out, DecayedValue{1.0f, kT0 + 7 * kMsPerDay});
  out.PutSigned(kT0 + 14 * kMsPerDay);
  for (int t = 0; t < kEventTypeCount; ++t) out.PutVarint(t == 1 ? 3 : 0);

  UserProfile profile;
  persist::Decoder in(out.bytes());
  ASSERT_TRUE(profile.LoadFrom(in, config_).ok());
  EXPECT_TRUE(in.done());
  const TimeMs now = kT0 + 14 * kMsPerDay;
  const ProfileView view = profile.View(now, config_);
  EXPECT_FLOAT_EQ(*WeightOf(view.long_term, kTravel), 2.0f);  // 14 days on
  EXPECT_FLOAT_EQ(*WeightOf(view.long_term, kLuggage), 1.0f);
  EXPECT_FLOAT_EQ(*WeightOf(view.instant, kTravel), 2.0f);  // an hour on
  EXPECT_FLOAT_EQ(view.form_affinity[1], 1.0f);
  EXPECT_DOUBLE_EQ(view.commerce.shown, 0.75);
  EXPECT_DOUBLE_EQ(view.commerce.engaged, 0.5);
  EXPECT_EQ(view.recent_products, (std::vector<ProductIdx>{5}));
  EXPECT_EQ(view.purchases.at(5), kT0);
  EXPECT_EQ(view.unengaged_impressions.at(6).count, 2u);
  EXPECT_EQ(view.last_event_time, now);
  EXPECT_EQ(TotalEvents(view.event_counts), 3u);
}

}  // namespace
}  // namespace ranker
