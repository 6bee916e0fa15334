// One entry point for the three dataset formats (--format).
#ifndef RANKER_CLIENT_EVAL_READ_DATASET_H_
#define RANKER_CLIENT_EVAL_READ_DATASET_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "client/eval/dataset.h"

namespace ranker::eval {

// `format` is "sessions" (path: a directory), "retailrocket" (a directory) or
// "taobao" (a CSV file); see the readers' headers.
absl::StatusOr<Dataset> ReadDataset(absl::string_view format,
                                    const std::string& path);

}  // namespace ranker::eval

#endif  // RANKER_CLIENT_EVAL_READ_DATASET_H_
