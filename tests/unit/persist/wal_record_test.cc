#include "core/persist/wal_record.h"

#include <string>

#include "core/persist/encoding.h"
#include "gtest/gtest.h"

namespace ranker::persist {
namespace {

TEST(WalRecordTest, FramesLengthChecksumSequenceKindPayloadLittleEndian) {
  std::string bytes;
  AppendRecord(0x0102030405060708ull, RecordKind::kUpsertShops, "abc", bytes);
  ASSERT_EQ(bytes.size(), kRecordHeaderBytes + 3);
  EXPECT_EQ(LoadLittleEndian32(bytes.data()), 3u);
  EXPECT_EQ(LoadLittleEndian64(bytes.data() + 8), 0x0102030405060708ull);
  EXPECT_EQ(bytes[16], 3);
  EXPECT_EQ(bytes.substr(17), "abc");
  absl::StatusOr<RecordView> record = ParseRecord(bytes);
  ASSERT_TRUE(record.ok()) << record.status();
  EXPECT_EQ(record->sequence, 0x0102030405060708ull);
  EXPECT_EQ(record->kind, 3);
  EXPECT_EQ(record->payload, "abc");
  EXPECT_EQ(record->size, bytes.size());
}

TEST(WalRecordTest, ParsesOnlyTheFirstOfSeveralRecords) {
  std::string bytes;
  AppendRecord(1, RecordKind::kLogEvents, "", bytes);
  AppendRecord(2, RecordKind::kLogEvents, "second", bytes);
  absl::StatusOr<RecordView> first = ParseRecord(bytes);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->size, kRecordHeaderBytes);
  absl::StatusOr<RecordView> second =
      ParseRecord(absl::string_view(bytes).substr(first->size));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->payload, "second");
}

TEST(WalRecordTest, EveryTruncationAndEveryBitFlipIsCaught) {
  std::string bytes;
  AppendRecord(42, RecordKind::kUpsertProducts, "payload bytes", bytes);
  for (size_t size = 0; size < bytes.size(); ++size) {
    EXPECT_EQ(ParseRecord(bytes.substr(0, size)).status().code(),
              absl::StatusCode::kDataLoss)
        << size;
  }
  for (size_t byte = 0; byte < bytes.size(); ++byte) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string damaged = bytes;
      damaged[byte] ^= static_cast<char>(1 << bit);
      EXPECT_FALSE(ParseRecord(damaged).ok()) << byte << ":" << bit;
    }
  }
}

TEST(WalRecordTest, ZeroFilledBytesAreNotARecord) {
  EXPECT_FALSE(ParseRecord(std::string(64, '\0')).ok());
}

TEST(WalRecordTest, AnAbsurdLengthIsRejectedWithoutReading) {
  std::string bytes(kRecordHeaderBytes, '\0');
  StoreLittleEndian32(0xffffffffu, bytes.data());
  absl::Status status = ParseRecord(bytes).status();
  EXPECT_NE(status.message().find("length"), absl::string_view::npos);
}

}  // namespace
}  // namespace ranker::persist
