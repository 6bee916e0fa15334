#include "client/eval/read_dataset.h"

#include "absl/strings/str_cat.h"
#include "client/eval/retailrocket_reader.h"
#include "client/eval/sessions_reader.h"
#include "client/eval/taobao_reader.h"

namespace ranker::eval {

absl::StatusOr<Dataset> ReadDataset(absl::string_view format,
                                    const std::string& path) {
  if (format == "sessions") return ReadSessionsDataset(path);
  if (format == "retailrocket") return ReadRetailRocketDataset(path);
  if (format == "taobao") return ReadTaobaoDataset(path);
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown format '", format, "' (sessions|retailrocket|taobao)"));
}

}  // namespace ranker::eval
