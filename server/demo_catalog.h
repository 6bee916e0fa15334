// The bundled demo catalog (deploy/demo/catalog.jsonl), compiled into the
// binary so that `ranker_server` with no flags serves a real catalog from
// anywhere, including a bare container.
#ifndef RANKER_SERVER_DEMO_CATALOG_H_
#define RANKER_SERVER_DEMO_CATALOG_H_

#include "absl/strings/string_view.h"

namespace ranker {

absl::string_view DemoCatalogJsonl();

}  // namespace ranker

#endif  // RANKER_SERVER_DEMO_CATALOG_H_
