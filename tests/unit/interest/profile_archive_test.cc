// ProfileArchive and the profile store's eviction into it: an evicted
// profile is kept on disk, read by requests, and comes back whole at the
// user's next event; the archive's snapshot state (length and index) cuts
// the file back to what a snapshot saw; damage is DATA_LOSS, never a crash.
#include "core/interest/profile_archive.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/interest/profile_store.h"
#include "gtest/gtest.h"
#include "tests/unit/persist/wal_test_util.h"

namespace ranker {
namespace {

constexpr TimeMs kT0 = 1'700'000'000'000;
const std::vector<TagWeight> kTravel = {{3, 1.0f}};
const std::vector<TagWeight> kKitchen = {{7, 1.0f}};

ProfileEvent Click(ProductIdx product, TimeMs time,
                   const std::vector<TagWeight>& tags) {
  ProfileEvent event;
  event.product = product;
  event.type = EventType::kClick;
  event.time = time;
  event.product_tags = tags;
  return event;
}

std::unique_ptr<ProfileArchive> OpenArchive(const std::string& dir) {
  absl::StatusOr<std::unique_ptr<ProfileArchive>> archive =
      ProfileArchive::Open(dir + "/profiles/evicted.archive");
  EXPECT_TRUE(archive.ok()) << archive.status();
  return archive.ok() ? *std::move(archive) : nullptr;
}

// The interest of a view as one comparable string.
std::string Interests(const ProfileView& view) {
  std::string text = view.known ? "known:" : "unknown:";
  for (const TagWeight& tag : view.long_term) {
    text += std::to_string(tag.tag) + "=" + std::to_string(tag.weight) + " ";
  }
  return text;
}

TEST(ProfileArchiveTest, KeepsProfilesByUser) {
  persist::test::TempDir dir;
  std::unique_ptr<ProfileArchive> archive = OpenArchive(dir.path());
  const InterestConfig config;
  UserProfile alice;
  alice.Apply(Click(1, kT0, kTravel), config);
  UserProfile bob;
  bob.Apply(Click(2, kT0, kKitchen), config);
  ASSERT_TRUE(archive->Put("alice", alice).ok());
  ASSERT_TRUE(archive->Put("bob", bob).ok());
  EXPECT_EQ(archive->size(), 2u);

  absl::StatusOr<std::optional<UserProfile>> got =
      archive->Get("alice", config);
  ASSERT_TRUE(got.ok()) << got.status();
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ(Interests((*got)->View(kT0, config)),
            Interests(alice.View(kT0, config)));
  EXPECT_FALSE(archive->Get("carol", config)->has_value());

  archive->Erase("alice");
  EXPECT_FALSE(archive->Get("alice", config)->has_value());
  EXPECT_TRUE(archive->Get("bob", config)->has_value());
  ASSERT_TRUE(archive->Reset().ok());
  EXPECT_EQ(archive->size(), 0u);
  EXPECT_EQ(archive->file_bytes(), 0u);
}

TEST(ProfileArchiveTest, LoadingASnapshotStateCutsLaterRecords) {
  persist::test::TempDir dir;
  std::unique_ptr<ProfileArchive> archive = OpenArchive(dir.path());
  const InterestConfig config;
  UserProfile profile;
  profile.Apply(Click(1, kT0, kTravel), config);
  ASSERT_TRUE(archive->Put("early", profile).ok());
  persist::Encoder saved;
  archive->SaveTo(saved);
  const uint64_t length = archive->file_bytes();
  ASSERT_TRUE(archive->Put("late", profile).ok());
  archive.reset();

  // As at start-up: the file holds a record the snapshot never saw.
  std::unique_ptr<ProfileArchive> reopened = OpenArchive(dir.path());
  EXPECT_GT(reopened->file_bytes(), length);
  persist::Decoder in(saved.bytes());
  ASSERT_TRUE(reopened->LoadFrom(in).ok());
  EXPECT_EQ(reopened->file_bytes(), length);
  EXPECT_TRUE(reopened->Get("early", config)->has_value());
  EXPECT_FALSE(reopened->Get("late", config)->has_value());
}

TEST(ProfileArchiveTest, AShortOrDamagedFileIsDataLoss) {
  persist::test::TempDir dir;
  std::unique_ptr<ProfileArchive> archive = OpenArchive(dir.path());
  const InterestConfig config;
  UserProfile profile;
  profile.Apply(Click(1, kT0, kTravel), config);
  ASSERT_TRUE(archive->Put("user", profile).ok());
  persist::Encoder saved;
  archive->SaveTo(saved);
  const std::string path = dir.path() + "/profiles/evicted.archive";
  {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(30);
    file.put('\x55');
  }
  EXPECT_EQ(archive->Get("user", config).status().code(),
            absl::StatusCode::kDataLoss);
  archive.reset();
  std::filesystem::resize_file(path, 10);
  std::unique_ptr<ProfileArchive> reopened = OpenArchive(dir.path());
  persist::Decoder in(saved.bytes());
  EXPECT_EQ(reopened->LoadFrom(in).code(), absl::StatusCode::kDataLoss);
}

TEST(ProfileArchiveTest, AnEvictedUserIsReadFromTheArchiveAndComesBackWhole) {
  persist::test::TempDir dir;
  std::unique_ptr<ProfileArchive> archive = OpenArchive(dir.path());
  ProfileStore store(InterestConfig{}, /*shard_count=*/1, /*max_users=*/1);
  store.AttachArchive(archive.get());
  store.Apply("traveller", Click(1, kT0, kTravel));
  const std::string before = Interests(store.View("traveller", kT0 + 10));
  store.Apply("cook", Click(2, kT0 + 5, kKitchen));  // evicts the traveller
  EXPECT_EQ(store.user_count(), 1u);
  EXPECT_EQ(archive->size(), 1u);
  // A request still sees the traveller's interests, without bringing the
  // profile back (only writes change the store).
  EXPECT_EQ(Interests(store.View("traveller", kT0 + 10)), before);
  EXPECT_EQ(archive->size(), 1u);
  // The traveller's next event continues the old profile (and evicts the
  // cook in turn).
  store.Apply("traveller", Click(1, kT0 + 10, kTravel));
  EXPECT_EQ(archive->size(), 1u);
  ProfileStore fresh(InterestConfig{}, 1, 0);
  fresh.Apply("traveller", Click(1, kT0, kTravel));
  fresh.Apply("traveller", Click(1, kT0 + 10, kTravel));
  EXPECT_EQ(Interests(store.View("traveller", kT0 + 20)),
            Interests(fresh.View("traveller", kT0 + 20)));
  EXPECT_TRUE(store.View("cook", kT0 + 20).known);
}

TEST(ProfileArchiveTest, WithoutAnArchiveAnEvictedUserStartsAfresh) {
  ProfileStore store(InterestConfig{}, /*shard_count=*/1, /*max_users=*/1);
  store.Apply("traveller", Click(1, kT0, kTravel));
  store.Apply("cook", Click(2, kT0 + 5, kKitchen));
  EXPECT_FALSE(store.View("traveller", kT0 + 10).known);
}

}  // namespace
}  // namespace ranker
