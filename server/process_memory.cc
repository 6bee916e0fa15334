#include "server/process_memory.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <fstream>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace ranker {
namespace {

constexpr char kProcSelfStatus[] = "/proc/self/status";

// "123456 kB" in bytes. The kernel writes every Vm* field in kB (its
// "kB" means KiB).
absl::StatusOr<uint64_t> ParseKilobytes(absl::string_view field,
                                        absl::string_view value) {
  const std::vector<absl::string_view> words =
      absl::StrSplit(value, absl::ByAnyChar(" \t"), absl::SkipEmpty());
  uint64_t kilobytes = 0;
  if (words.size() != 2 || words[1] != "kB" ||
      !absl::SimpleAtoi(words[0], &kilobytes) ||
      kilobytes > std::numeric_limits<uint64_t>::max() / 1024) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": expected a number of kB, got '", value, "'"));
  }
  return kilobytes * 1024;
}

}  // namespace

absl::StatusOr<ProcessMemory> ParseProcStatusMemory(absl::string_view status) {
  std::optional<absl::string_view> rss;
  std::optional<absl::string_view> hwm;
  for (absl::string_view line : absl::StrSplit(status, '\n')) {
    const size_t colon = line.find(':');
    if (colon == absl::string_view::npos) continue;
    const absl::string_view key = line.substr(0, colon);
    const absl::string_view value =
        absl::StripAsciiWhitespace(line.substr(colon + 1));
    if (key == "VmRSS" && !rss.has_value()) rss = value;
    if (key == "VmHWM" && !hwm.has_value()) hwm = value;
  }
  if (!rss.has_value()) return absl::NotFoundError("VmRSS: no such line");
  if (!hwm.has_value()) return absl::NotFoundError("VmHWM: no such line");
  absl::StatusOr<uint64_t> resident = ParseKilobytes("VmRSS", *rss);
  if (!resident.ok()) return resident.status();
  absl::StatusOr<uint64_t> peak = ParseKilobytes("VmHWM", *hwm);
  if (!peak.ok()) return peak.status();
  return ProcessMemory{*resident, *peak};
}

absl::StatusOr<ProcessMemory> ReadProcessMemory() {
  std::ifstream in(kProcSelfStatus);
  if (!in) {
    return absl::UnavailableError(
        absl::StrCat("cannot open ", kProcSelfStatus));
  }
  // /proc files report a size of 0: read to the end instead.
  const std::string text(std::istreambuf_iterator<char>(in), {});
  absl::StatusOr<ProcessMemory> memory = ParseProcStatusMemory(text);
  if (!memory.ok()) {
    return absl::Status(
        memory.status().code(),
        absl::StrCat(kProcSelfStatus, ": ", memory.status().message()));
  }
  return memory;
}

void ReleaseFreedMemory() {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

}  // namespace ranker
