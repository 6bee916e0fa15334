// ParseProcStatusMemory on real and broken /proc/<pid>/status texts, and
// ReadProcessMemory on this test's own process.
#include "server/process_memory.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace ranker {
namespace {

// An excerpt of a real /proc/self/status (Linux 6.1), tabs and all.
constexpr char kStatus[] =
    "Name:\tranker_server\n"
    "Umask:\t0022\n"
    "State:\tS (sleeping)\n"
    "VmPeak:\t 3065212 kB\n"
    "VmSize:\t 3001000 kB\n"
    "VmLck:\t       0 kB\n"
    "VmHWM:\t 2411520 kB\n"
    "VmRSS:\t 2097152 kB\n"
    "RssAnon:\t 2090000 kB\n"
    "Threads:\t27\n";

TEST(ParseProcStatusMemory, ReadsResidentAndPeakInBytes) {
  absl::StatusOr<ProcessMemory> memory = ParseProcStatusMemory(kStatus);
  ASSERT_TRUE(memory.ok()) << memory.status();
  EXPECT_EQ(memory->resident_bytes, uint64_t{2097152} * 1024);  // 2 GiB
  EXPECT_EQ(memory->peak_resident_bytes, uint64_t{2411520} * 1024);
}

TEST(ParseProcStatusMemory, IgnoresFieldsThatOnlyStartLikeTheOnesItReads) {
  // RssAnon and VmPeak above, and here a name ending in VmRSS, are not VmRSS.
  absl::StatusOr<ProcessMemory> memory = ParseProcStatusMemory(
      "XVmRSS:\t1 kB\nVmRSS:\t8 kB\nVmHWM:\t9 kB\nVmRSS:\t7 kB");
  ASSERT_TRUE(memory.ok()) << memory.status();
  EXPECT_EQ(memory->resident_bytes, 8u * 1024);  // the first line counts
  EXPECT_EQ(memory->peak_resident_bytes, 9u * 1024);
}

TEST(ParseProcStatusMemory, ZeroIsAValue) {
  // A kernel thread's status has VmRSS 0 kB; it must parse, not fail.
  absl::StatusOr<ProcessMemory> memory =
      ParseProcStatusMemory("VmHWM:\t0 kB\nVmRSS:\t0 kB\n");
  ASSERT_TRUE(memory.ok()) << memory.status();
  EXPECT_EQ(memory->resident_bytes, 0u);
}

TEST(ParseProcStatusMemory, AMissingLineIsNotFoundNamingIt) {
  absl::StatusOr<ProcessMemory> no_rss =
      ParseProcStatusMemory("VmHWM:\t9 kB\nThreads:\t1\n");
  EXPECT_EQ(no_rss.status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(absl::StartsWith(no_rss.status().message(), "VmRSS"))
      << no_rss.status();

  absl::StatusOr<ProcessMemory> no_hwm = ParseProcStatusMemory("VmRSS: 9 kB");
  EXPECT_EQ(no_hwm.status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(absl::StartsWith(no_hwm.status().message(), "VmHWM"))
      << no_hwm.status();

  EXPECT_EQ(ParseProcStatusMemory("").status().code(),
            absl::StatusCode::kNotFound);
}

TEST(ParseProcStatusMemory, ABadValueIsInvalidArgumentNamingTheField) {
  const std::vector<std::string> bad_values = {
      "",                        // nothing
      "12",                      // no unit
      "12 MB",                   // a unit the kernel never writes
      "twelve kB",               // not a number
      "-12 kB",                  // negative
      "12 kB extra",             // trailing words
      "99999999999999999999 kB"  // beyond uint64
  };
  for (const std::string& value : bad_values) {
    absl::StatusOr<ProcessMemory> memory =
        ParseProcStatusMemory("VmHWM:\t1 kB\nVmRSS:\t" + value + "\n");
    EXPECT_EQ(memory.status().code(), absl::StatusCode::kInvalidArgument)
        << "'" << value << "'";
    EXPECT_TRUE(absl::StartsWith(memory.status().message(), "VmRSS: "))
        << memory.status();
  }
  // Fits in uint64 as kB, not as bytes.
  EXPECT_EQ(ParseProcStatusMemory("VmRSS:\t1 kB\nVmHWM:\t"
                                  "18014398509481984 kB\n")
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(ReadProcessMemory, ThisProcessIsResidentAndItsPeakIsAtLeastThat) {
  absl::StatusOr<ProcessMemory> memory = ReadProcessMemory();
  ASSERT_TRUE(memory.ok()) << memory.status();
  EXPECT_GT(memory->resident_bytes, 0u);
  EXPECT_GE(memory->peak_resident_bytes, memory->resident_bytes);
}

}  // namespace
}  // namespace ranker
