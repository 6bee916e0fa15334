#include "core/persist/wal_segments.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

namespace ranker::persist {
namespace {

constexpr absl::string_view kPrefix = "wal-";
constexpr absl::string_view kSuffix = ".log";
constexpr size_t kDigits = 20;

}  // namespace

std::string SegmentFileName(uint64_t first_sequence) {
  return absl::StrFormat("wal-%020d.log", first_sequence);
}

std::optional<uint64_t> ParseNumberedFileName(absl::string_view name,
                                              absl::string_view prefix,
                                              absl::string_view suffix) {
  if (name.size() != prefix.size() + kDigits + suffix.size() ||
      !absl::ConsumePrefix(&name, prefix) ||
      !absl::ConsumeSuffix(&name, suffix)) {
    return std::nullopt;
  }
  uint64_t number = 0;
  if (!std::all_of(name.begin(), name.end(),
                   [](char c) { return c >= '0' && c <= '9'; }) ||
      !absl::SimpleAtoi(name, &number)) {
    return std::nullopt;
  }
  return number;
}

absl::StatusOr<std::vector<WalSegment>> ListSegments(const std::string& dir) {
  std::vector<WalSegment> segments;
  std::error_code error;
  if (!std::filesystem::exists(dir, error)) return segments;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    std::optional<uint64_t> first = ParseNumberedFileName(
        entry.path().filename().string(), kPrefix, kSuffix);
    if (first.has_value()) segments.push_back({*first, entry.path().string()});
  }
  if (error) {
    return absl::InternalError(
        absl::StrCat("cannot list ", dir, ": ", error.message()));
  }
  std::sort(segments.begin(), segments.end(),
            [](const WalSegment& a, const WalSegment& b) {
              return a.first_sequence < b.first_sequence;
            });
  return segments;
}

absl::StatusOr<size_t> DeleteSegmentsBefore(const std::string& dir,
                                            uint64_t needed_sequence) {
  absl::StatusOr<std::vector<WalSegment>> segments = ListSegments(dir);
  if (!segments.ok()) return segments.status();
  size_t deleted = 0;
  // Segment i holds [first_i, first_{i+1}): wholly before needed_sequence
  // when the next one starts at or before it.
  for (size_t i = 0; i + 1 < segments->size(); ++i) {
    if ((*segments)[i + 1].first_sequence > needed_sequence) break;
    std::error_code error;
    std::filesystem::remove((*segments)[i].path, error);
    if (error) {
      return absl::InternalError(absl::StrCat(
          "cannot delete ", (*segments)[i].path, ": ", error.message()));
    }
    ++deleted;
  }
  if (deleted > 0) {
    if (auto s = SyncDirectory(dir); !s.ok()) return s;
  }
  return deleted;
}

absl::Status CreateDirectories(const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    return absl::InternalError(
        absl::StrCat("cannot create directory ", dir, ": ", error.message()));
  }
  return absl::OkStatus();
}

absl::Status SyncDirectory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    return absl::InternalError(absl::StrCat("cannot open directory ", dir, ": ",
                                            std::strerror(errno)));
  }
  const int result = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  if (result != 0) {
    return absl::InternalError(
        absl::StrCat("fsync of directory ", dir, ": ", std::strerror(saved)));
  }
  return absl::OkStatus();
}

}  // namespace ranker::persist
