#include "client/eval/line_reader.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace ranker::eval {

absl::StatusOr<std::unique_ptr<LineReader>> LineReader::Open(
    const std::string& path) {
  auto reader = std::unique_ptr<LineReader>(new LineReader(path));
  reader->in_.open(path, std::ios::binary);
  if (!reader->in_) {
    return absl::NotFoundError(absl::StrCat("cannot open ", path));
  }
  return reader;
}

bool LineReader::Next(absl::string_view* line) {
  if (!std::getline(in_, line_)) return false;
  ++line_number_;
  if (!line_.empty() && line_.back() == '\r') line_.pop_back();
  *line = line_;
  return true;
}

absl::Status LineReader::Error(absl::string_view problem) const {
  return absl::InvalidArgumentError(
      absl::StrCat(path_, ":", line_number_, ": ", problem));
}

}  // namespace ranker::eval
