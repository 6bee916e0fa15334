#include "core/catalog/tag_dictionary.h"

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

}  // namespace ranker
