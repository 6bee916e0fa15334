#include "server/metrics_endpoint.h"

#include <exception>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace ranker {

absl::Status MetricsEndpoint::CheckAddress(const std::string& listen) {
  // civetweb would take a bare port as "every interface": the address is
  // asked for in full, as --listen's is, so that nobody opens the
  // unauthenticated endpoint to the world by accident.
  const size_t colon = listen.rfind(':');
  int port = -1;
  if (colon == std::string::npos || colon == 0 ||
      !absl::SimpleAtoi(absl::string_view(listen).substr(colon + 1), &port) ||
      port < 0 || port > 65535) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--metrics_listen: must be host:port (e.g. 0.0.0.0:9464), got '",
        listen, "'"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<MetricsEndpoint>> MetricsEndpoint::Start(
    const std::string& listen) {
  if (absl::Status checked = CheckAddress(listen); !checked.ok()) {
    return checked;
  }
  std::unique_ptr<prometheus::Exposer> exposer;
  try {
    exposer = std::make_unique<prometheus::Exposer>(listen);
  } catch (const std::exception& error) {
    // civetweb throws when it cannot bind (address in use, no such host).
    return absl::UnavailableError(absl::StrCat(
        "--metrics_listen: cannot serve on ", listen, ": ", error.what()));
  }
  const std::vector<int> ports = exposer->GetListeningPorts();
  if (ports.empty() || ports.front() <= 0) {
    return absl::UnavailableError(
        absl::StrCat("--metrics_listen: no port bound for ", listen));
  }
  return std::unique_ptr<MetricsEndpoint>(
      new MetricsEndpoint(std::move(exposer), ports.front()));
}

void MetricsEndpoint::Register(
    const std::weak_ptr<prometheus::Collectable>& collectable) {
  exposer_->RegisterCollectable(collectable);
}

}  // namespace ranker
