// Reads a text file line by line and names "file:line" in its errors, so a
// malformed dataset line is easy to find.
#ifndef RANKER_CLIENT_EVAL_LINE_READER_H_
#define RANKER_CLIENT_EVAL_LINE_READER_H_

#include <fstream>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace ranker::eval {

class LineReader {
 public:
  // NOT_FOUND when the file cannot be opened.
  static absl::StatusOr<std::unique_ptr<LineReader>> Open(
      const std::string& path);

  // The next line without its line ending ("\n" or "\r\n"); false at the end
  // of the file. The view is valid until the next call.
  bool Next(absl::string_view* line);

  // 1-based number of the line last returned.
  int64_t line_number() const { return line_number_; }
  const std::string& path() const { return path_; }

  // INVALID_ARGUMENT "<path>:<line>: <problem>".
  absl::Status Error(absl::string_view problem) const;

  // Reading stopped on an I/O error rather than at the end of the file.
  bool failed() const { return in_.bad(); }

 private:
  explicit LineReader(std::string path) : path_(std::move(path)) {}

  std::string path_;
  std::ifstream in_;
  std::string line_;
  int64_t line_number_ = 0;
};

}  // namespace ranker::eval

#endif  // RANKER_CLIENT_EVAL_LINE_READER_H_
