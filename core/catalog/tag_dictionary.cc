#include "core/catalog/tag_dictionary.h"

#include "absl/strings/str_cat.h"
#include "core/persist/state_encoding.h"

namespace ranker {

std::optional<TagId> TagDictionary::Intern(absl::string_view tag) {
  {
    absl::ReaderMutexLock lock(&mu_);
    if (auto it = ids_.find(tag); it != ids_.end()) return it->second;
  }
  absl::MutexLock lock(&mu_);
  if (auto it = ids_.find(tag); it != ids_.end()) return it->second;
  if (names_.size() >= max_tags_) return std::nullopt;
  const TagId id = static_cast<TagId>(names_.size());
  names_.emplace_back(tag);
  ids_.emplace(names_.back(), id);
  return id;
}

std::optional<TagId> TagDictionary::Find(absl::string_view tag) const {
  absl::ReaderMutexLock lock(&mu_);
  if (auto it = ids_.find(tag); it != ids_.end()) return it->second;
  return std::nullopt;
}

std::string TagDictionary::Name(TagId id) const {
  absl::ReaderMutexLock lock(&mu_);
  return id < names_.size() ? names_[id] : std::string();
}

size_t TagDictionary::size() const {
  absl::ReaderMutexLock lock(&mu_);
  return names_.size();
}

void TagDictionary::SaveTo(persist::Encoder& out) const {
  out.PutVarint(names_.size());
  for (const std::string& name : names_) out.PutString(name);
}

absl::Status TagDictionary::LoadFrom(persist::Decoder& in) {
  size_t count = 0;
  RANKER_RETURN_IF_ERROR(in.GetCount(count, "dictionary size"));
  if (size() != 0) {
    return absl::FailedPreconditionError("loading into a non-empty dictionary");
  }
  std::string name;
  for (size_t i = 0; i < count; ++i) {
    RANKER_RETURN_IF_ERROR(in.GetString(name, "dictionary name"));
    std::optional<TagId> id = Intern(name);
    if (!id.has_value() || *id != i) {
      return absl::DataLossError(absl::StrCat(
          "dictionary entry ", i, " '", name,
          "' does not get its id back (a duplicate, or beyond the cap of ",
          max_tags_, ")"));
    }
  }
  return absl::OkStatus();
}

}  // namespace ranker
