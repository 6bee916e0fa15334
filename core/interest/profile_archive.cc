#include "core/interest/profile_archive.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/persist/state_encoding.h"
#include "core/persist/wal_record.h"
#include "core/persist/wal_segments.h"

namespace ranker {
namespace {

constexpr uint8_t kProfileRecord = 1;

absl::Status ErrnoError(absl::string_view what, const std::string& path) {
  return absl::InternalError(
      absl::StrCat(what, " ", path, ": ", std::strerror(errno)));
}

}  // namespace

absl::StatusOr<std::unique_ptr<ProfileArchive>> ProfileArchive::Open(
    const std::string& path) {
  const std::string dir = std::filesystem::path(path).parent_path().string();
  if (!dir.empty()) {
    if (auto s = persist::CreateDirectories(dir); !s.ok()) return s;
  }
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoError("cannot open", path);
  const off_t size = ::lseek(fd, 0, SEEK_END);
  if (size < 0) {
    absl::Status status = ErrnoError("cannot seek", path);
    ::close(fd);
    return status;
  }
  return std::unique_ptr<ProfileArchive>(
      new ProfileArchive(path, fd, static_cast<uint64_t>(size)));
}

ProfileArchive::~ProfileArchive() { ::close(fd_); }

absl::Status ProfileArchive::Put(absl::string_view user_id,
                                 const UserProfile& profile) {
  persist::Encoder payload;
  payload.PutString(user_id);
  profile.SaveTo(payload);
  std::string record;
  persist::AppendFrame(0, kProfileRecord, payload.bytes(), record);
  absl::MutexLock lock(&mu_);
  size_t done = 0;
  while (done < record.size()) {
    const ssize_t wrote =
        ::pwrite(fd_, record.data() + done, record.size() - done,
                 static_cast<off_t>(file_bytes_ + done));
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) return ErrnoError("cannot append to", path_);
    done += static_cast<size_t>(wrote);
  }
  offsets_[user_id] = file_bytes_;
  file_bytes_ += record.size();
  return absl::OkStatus();
}

absl::StatusOr<std::optional<UserProfile>> ProfileArchive::Get(
    absl::string_view user_id, const InterestConfig& config) const {
  uint64_t offset = 0;
  uint64_t end = 0;
  {
    absl::MutexLock lock(&mu_);
    auto it = offsets_.find(user_id);
    if (it == offsets_.end()) return std::nullopt;
    offset = it->second;
    end = file_bytes_;
  }
  // Header first, then the whole record.
  char header[persist::kRecordHeaderBytes];
  if (::pread(fd_, header, sizeof(header), static_cast<off_t>(offset)) !=
      static_cast<ssize_t>(sizeof(header))) {
    return ErrnoError("cannot read", path_);
  }
  const uint64_t length = persist::LoadLittleEndian32(header);
  if (offset + sizeof(header) + length > end) {
    return absl::DataLossError(absl::StrCat(
        path_, " offset ", offset, ": record runs past the archive's end"));
  }
  std::string bytes(sizeof(header) + length, '\0');
  if (::pread(fd_, bytes.data(), bytes.size(), static_cast<off_t>(offset)) !=
      static_cast<ssize_t>(bytes.size())) {
    return ErrnoError("cannot read", path_);
  }
  absl::StatusOr<persist::RecordView> record = persist::ParseRecord(bytes);
  if (!record.ok()) {
    return absl::DataLossError(absl::StrCat(path_, " offset ", offset, ": ",
                                            record.status().message()));
  }
  persist::Decoder in(record->payload);
  std::string stored_id;
  UserProfile profile;
  absl::Status status = in.GetString(stored_id, "user id");
  if (status.ok()) status = profile.LoadFrom(in, config);
  if (status.ok()) status = in.ExpectEnd();
  if (status.ok() && stored_id != user_id) {
    status = absl::DataLossError("the record is another user's");
  }
  if (!status.ok()) {
    return absl::DataLossError(
        absl::StrCat(path_, " offset ", offset, ": ", status.message()));
  }
  return std::optional<UserProfile>(std::move(profile));
}

void ProfileArchive::Erase(absl::string_view user_id) {
  absl::MutexLock lock(&mu_);
  offsets_.erase(user_id);
}

size_t ProfileArchive::size() const {
  absl::MutexLock lock(&mu_);
  return offsets_.size();
}

uint64_t ProfileArchive::file_bytes() const {
  absl::MutexLock lock(&mu_);
  return file_bytes_;
}

absl::Status ProfileArchive::TruncateLocked(uint64_t size) {
  if (::ftruncate(fd_, static_cast<off_t>(size)) != 0) {
    return ErrnoError("cannot truncate", path_);
  }
  file_bytes_ = size;
  return absl::OkStatus();
}

absl::Status ProfileArchive::Reset() {
  absl::MutexLock lock(&mu_);
  offsets_.clear();
  return TruncateLocked(0);
}

absl::Status ProfileArchive::Sync() const {
  const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoError("cannot open", path_);
  const int result = ::fdatasync(fd);
  const int saved = errno;
  ::close(fd);
  if (result != 0) {
    errno = saved;
    return ErrnoError("cannot fdatasync", path_);
  }
  return absl::OkStatus();
}

void ProfileArchive::SaveTo(persist::Encoder& out) const {
  out.PutVarint(file_bytes_);
  // Sorted, so that one state always gives the same bytes.
  std::vector<std::pair<absl::string_view, uint64_t>> entries(offsets_.begin(),
                                                              offsets_.end());
  std::sort(entries.begin(), entries.end());
  out.PutVarint(entries.size());
  for (const auto& [user_id, offset] : entries) {
    out.PutString(user_id);
    out.PutVarint(offset);
  }
}

absl::Status ProfileArchive::LoadFrom(persist::Decoder& in) {
  uint64_t length = 0;
  RANKER_RETURN_IF_ERROR(in.GetVarint(length, "archive length"));
  size_t count = 0;
  RANKER_RETURN_IF_ERROR(in.GetCount(count, "archived users"));
  absl::flat_hash_map<std::string, uint64_t> offsets;
  offsets.reserve(count);
  std::string user_id;
  for (size_t i = 0; i < count; ++i) {
    uint64_t offset = 0;
    RANKER_RETURN_IF_ERROR(in.GetString(user_id, "archived user"));
    RANKER_RETURN_IF_ERROR(in.GetVarint(offset, "archive offset"));
    if (offset >= length) {
      return absl::DataLossError("archive offset beyond its length");
    }
    offsets[user_id] = offset;
  }
  absl::MutexLock lock(&mu_);
  if (file_bytes_ < length) {
    return absl::DataLossError(absl::StrCat(
        path_, " holds ", file_bytes_, " bytes but the snapshot needs ", length,
        " (the archive was cut or replaced)"));
  }
  // Records after the snapshot are appended again by the log's replay.
  RANKER_RETURN_IF_ERROR(TruncateLocked(length));
  offsets_ = std::move(offsets);
  return absl::OkStatus();
}

}  // namespace ranker
