#include "tests/bench/engine_state_copy.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "core/persist/encoding.h"
#include "core/persist/snapshot_file.h"

namespace ranker::bench {

using persist::SnapshotSection;

absl::StatusOr<std::string> WriteEngineSnapshot(Engine& engine,
                                                const std::string& dir) {
  absl::StatusOr<std::string> path;
  absl::Status status =
      engine.WithWritesPaused([&](const Engine::SnapshotPoint& point) {
        absl::StatusOr<std::unique_ptr<persist::SnapshotWriter>> writer =
            persist::SnapshotWriter::Create(dir, point.sequence, engine.Now());
        if (!writer.ok()) return writer.status();
        engine.SaveSnapshot(point, **writer);
        path = (*writer)->Commit();
        return path.status();
      });
  if (!status.ok()) return status;
  return path;
}

EngineStateCopy::EngineStateCopy(const EngineOptions& options)
    : profiles_(options.interest, options.profile_shards, options.max_users),
      stats_(options.stats),
      sessions_(options.sessions),
      co_engagement_(options.co_engagement),
      tag_cooccurrence_(options.tag_cooccurrence) {}

absl::StatusOr<std::unique_ptr<EngineStateCopy>> EngineStateCopy::Load(
    const std::string& snapshot_path, const EngineOptions& options) {
  std::unique_ptr<EngineStateCopy> copy(new EngineStateCopy(options));
  if (absl::Status s = copy->LoadFrom(snapshot_path); !s.ok()) return s;
  return copy;
}

// The sections in Engine::LoadSnapshot's order (core/engine.cc).
absl::Status EngineStateCopy::LoadFrom(const std::string& snapshot_path) {
  absl::StatusOr<persist::SnapshotReader> in =
      persist::SnapshotReader::Open(snapshot_path);
  if (!in.ok()) return in.status();
  auto section = [&](SnapshotSection id, auto load) -> absl::Status {
    absl::StatusOr<absl::string_view> bytes = in->Next(id);
    if (!bytes.ok()) return bytes.status();
    persist::Decoder decoder(*bytes);
    if (absl::Status s = load(decoder); !s.ok()) {
      return absl::Status(
          s.code(), absl::StrCat("snapshot section ", static_cast<int>(id),
                                 ": ", s.message()));
    }
    return decoder.ExpectEnd();
  };
  absl::Status s = section(SnapshotSection::kTags,
                           [&](auto& d) { return tags_.LoadFrom(d); });
  if (s.ok()) {
    s = section(SnapshotSection::kCatalog,
                [&](auto& d) { return catalog_.LoadFrom(d); });
  }
  while (s.ok() && in->At(SnapshotSection::kProfiles)) {
    s = section(SnapshotSection::kProfiles,
                [&](auto& d) { return profiles_.LoadUsersFrom(d); });
  }
  if (s.ok()) {
    s = section(SnapshotSection::kItemStats,
                [&](auto& d) { return stats_.LoadFrom(d); });
  }
  if (s.ok()) {
    s = section(SnapshotSection::kSessions,
                [&](auto& d) { return sessions_.LoadFrom(d); });
  }
  if (s.ok()) {
    s = section(SnapshotSection::kCoEngagement,
                [&](auto& d) { return co_engagement_.LoadFrom(d); });
  }
  if (s.ok()) {
    s = section(SnapshotSection::kTagCooccurrence,
                [&](auto& d) { return tag_cooccurrence_.LoadFrom(d); });
  }
  if (!s.ok()) return s;
  snapshot_ = catalog_.snapshot();
  shops_ = catalog_.shops();
  return absl::OkStatus();
}

}  // namespace ranker::bench
