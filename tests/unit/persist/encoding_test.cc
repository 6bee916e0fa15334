#include "core/persist/encoding.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace ranker::persist {
namespace {

TEST(EncodingTest, VarintsRoundTripAtEveryWidth) {
  std::vector<uint64_t> values = {0, 1, 127, 128, 255, 256, 16383, 16384};
  for (int bits = 0; bits < 64; ++bits) {
    values.push_back(uint64_t{1} << bits);
    values.push_back((uint64_t{1} << bits) - 1);
  }
  values.push_back(std::numeric_limits<uint64_t>::max());
  Encoder out;
  for (uint64_t value : values) out.PutVarint(value);
  Decoder in(out.bytes());
  for (uint64_t expected : values) {
    uint64_t value = 0;
    ASSERT_TRUE(in.GetVarint(value, "v").ok());
    EXPECT_EQ(value, expected);
  }
  EXPECT_TRUE(in.ExpectEnd().ok());
}

TEST(EncodingTest, SignedRoundTripAndSmallNegativesStaySmall) {
  const std::vector<int64_t> values = {0,
                                       1,
                                       -1,
                                       63,
                                       -64,
                                       64,
                                       -65,
                                       1'700'000'000'000,
                                       -1'700'000'000'000,
                                       std::numeric_limits<int64_t>::max(),
                                       std::numeric_limits<int64_t>::min()};
  Encoder out;
  for (int64_t value : values) out.PutSigned(value);
  Decoder in(out.bytes());
  for (int64_t expected : values) {
    int64_t value = 0;
    ASSERT_TRUE(in.GetSigned(value, "v").ok());
    EXPECT_EQ(value, expected);
  }
  Encoder small;
  small.PutSigned(-1);
  EXPECT_EQ(small.bytes().size(), 1u);
}

TEST(EncodingTest, DoublesRoundTripBitForBit) {
  const std::vector<double> values = {0.0,
                                      -0.0,
                                      1.5,
                                      -3.25,
                                      std::numeric_limits<double>::min(),
                                      std::numeric_limits<double>::denorm_min(),
                                      std::numeric_limits<double>::max(),
                                      std::numeric_limits<double>::infinity(),
                                      -std::numeric_limits<double>::infinity(),
                                      std::numeric_limits<double>::quiet_NaN(),
                                      0.1 + 0.2};
  Encoder out;
  for (double value : values) out.PutDouble(value);
  EXPECT_EQ(out.bytes().size(), values.size() * 8);
  Decoder in(out.bytes());
  for (double expected : values) {
    double value = 1.0;
    ASSERT_TRUE(in.GetDouble(value, "d").ok());
    if (std::isnan(expected)) {
      EXPECT_TRUE(std::isnan(value));
    } else {
      EXPECT_EQ(value, expected);
      EXPECT_EQ(std::signbit(value), std::signbit(expected));
    }
  }
}

TEST(EncodingTest, StringsAndBoolsRoundTrip) {
  const std::string binary("a\0b\xff", 4);
  Encoder out;
  out.PutString("");
  out.PutString("hello");
  out.PutString(binary);
  out.PutString(std::string(300, 'x'));
  out.PutBool(true);
  out.PutBool(false);
  Decoder in(out.bytes());
  std::string value;
  ASSERT_TRUE(in.GetString(value, "s").ok());
  EXPECT_EQ(value, "");
  ASSERT_TRUE(in.GetString(value, "s").ok());
  EXPECT_EQ(value, "hello");
  ASSERT_TRUE(in.GetString(value, "s").ok());
  EXPECT_EQ(value, binary);
  ASSERT_TRUE(in.GetString(value, "s").ok());
  EXPECT_EQ(value, std::string(300, 'x'));
  bool flag = false;
  ASSERT_TRUE(in.GetBool(flag, "b").ok());
  EXPECT_TRUE(flag);
  ASSERT_TRUE(in.GetBool(flag, "b").ok());
  EXPECT_FALSE(flag);
  EXPECT_TRUE(in.done());
}

TEST(EncodingTest, LittleEndianHelpersMatchTheByteOrder) {
  char bytes[8];
  StoreLittleEndian32(0x04030201u, bytes);
  EXPECT_EQ(std::string(bytes, 4), std::string("\x01\x02\x03\x04", 4));
  EXPECT_EQ(LoadLittleEndian32(bytes), 0x04030201u);
  StoreLittleEndian64(0x0807060504030201ull, bytes);
  EXPECT_EQ(std::string(bytes, 8),
            std::string("\x01\x02\x03\x04\x05\x06\x07\x08", 8));
  EXPECT_EQ(LoadLittleEndian64(bytes), 0x0807060504030201ull);
}

TEST(EncodingTest, TruncatedInputIsAnErrorNamingTheField) {
  Encoder out;
  out.PutVarint(uint64_t{1} << 40);
  out.PutString("hello");
  out.PutDouble(2.5);
  const std::string whole = out.bytes();
  // Every strict prefix fails somewhere, and never reads past its end.
  for (size_t size = 0; size < whole.size(); ++size) {
    const std::string prefix = whole.substr(0, size);
    Decoder in(prefix);  // a named string: the Decoder keeps a view
    uint64_t number = 0;
    std::string text;
    double real = 0;
    absl::Status status = in.GetVarint(number, "number");
    if (status.ok()) status = in.GetString(text, "text");
    if (status.ok()) status = in.GetDouble(real, "real");
    EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << size;
  }
  const std::string three = whole.substr(0, 3);
  Decoder in(three);
  uint64_t number = 0;
  absl::Status status = in.GetVarint(number, "number");
  EXPECT_NE(status.message().find("number"), absl::string_view::npos);
}

TEST(EncodingTest, RejectsOverlongVarintsBoundsAndCounts) {
  // 11 continuation bytes.
  const std::string eleven(11, '\x80');
  Decoder overlong(eleven);
  uint64_t value = 0;
  EXPECT_FALSE(overlong.GetVarint(value, "v").ok());
  // Ten bytes whose last one carries more than the 64th bit.
  const std::string too_big = std::string(9, '\xff') + "\x02";
  Decoder overflow(too_big);
  EXPECT_FALSE(overflow.GetVarint(value, "v").ok());

  Encoder out;
  out.PutVarint(5);
  Decoder bounded(out.bytes());
  EXPECT_FALSE(bounded.GetBounded(value, 4, "enum").ok());

  Encoder count;
  count.PutVarint(1'000'000'000);  // a billion elements in a few bytes
  count.PutString("x");
  Decoder counted(count.bytes());
  size_t elements = 0;
  EXPECT_FALSE(counted.GetCount(elements, "items").ok());

  Encoder string;
  string.PutVarint(100);  // a 100-byte string with 2 bytes behind it
  const std::string short_bytes = string.bytes() + "ab";
  Decoder short_string(short_bytes);
  std::string text;
  EXPECT_FALSE(short_string.GetString(text, "s").ok());

  const std::string two("\x02", 1);
  Decoder bad_bool(two);
  bool flag = false;
  EXPECT_FALSE(bad_bool.GetBool(flag, "b").ok());

  const std::string trailing_bytes("\x01\x02", 2);
  Decoder trailing(trailing_bytes);
  ASSERT_TRUE(trailing.GetVarint(value, "v").ok());
  EXPECT_FALSE(trailing.ExpectEnd().ok());
}

}  // namespace
}  // namespace ranker::persist
