// Interns tag strings into dense TagIds. Append-only and thread-safe: ids stay
// valid for the life of the process, so user profiles can hold TagIds while
// catalog snapshots come and go. Tags arrive from products and from the
// content tags of events, so the dictionary is capped to bound memory.
#ifndef RANKER_CORE_CATALOG_TAG_DICTIONARY_H_
#define RANKER_CORE_CATALOG_TAG_DICTIONARY_H_

#include <deque>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "core/persist/encoding.h"
#include "core/types.h"

namespace ranker {

class TagDictionary {
 public:
  explicit TagDictionary(size_t max_tags = 1'000'000) : max_tags_(max_tags) {}
  TagDictionary(const TagDictionary&) = delete;
  TagDictionary& operator=(const TagDictionary&) = delete;

  // The id of `tag`, creating it when new; nullopt once the cap is reached.
  std::optional<TagId> Intern(absl::string_view tag);
  // The id of `tag` if it is known.
  std::optional<TagId> Find(absl::string_view tag) const;
  // The name of a known id ("" for an unknown one).
  std::string Name(TagId id) const;
  size_t size() const;

  // Snapshots: every name in id order. SaveTo reads without the lock: the
  // caller guarantees that no Intern runs (the engine pauses writes, or this
  // is a forked copy, whose lock a vanished thread may hold). LoadFrom fills
  // an empty dictionary so that every name gets its old id back.
  void SaveTo(persist::Encoder& out) const ABSL_NO_THREAD_SAFETY_ANALYSIS;
  absl::Status LoadFrom(persist::Decoder& in);

 private:
  const size_t max_tags_;
  mutable absl::Mutex mu_;
  // Values view the strings in names_, whose deque storage never moves.
  absl::flat_hash_map<absl::string_view, TagId> ids_ ABSL_GUARDED_BY(mu_);
  std::deque<std::string> names_ ABSL_GUARDED_BY(mu_);
};

}  // namespace ranker

#endif  // RANKER_CORE_CATALOG_TAG_DICTIONARY_H_
