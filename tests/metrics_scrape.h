// Scraping a Prometheus endpoint the way Prometheus does, for the metrics
// tests (unit and end-to-end): a plain HTTP/1.0 GET over a TCP socket, and
// a reader of the text exposition format that finds one sample by name and
// labels. Header-only: it is small and both test trees use it.
#ifndef RANKER_TESTS_METRICS_SCRAPE_H_
#define RANKER_TESTS_METRICS_SCRAPE_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

namespace ranker::scrape {

// The body of GET http://127.0.0.1:<port><path>; an error unless the answer
// is "200".
inline absl::StatusOr<std::string> HttpGet(int port, const std::string& path) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return absl::InternalError("socket failed");
  // No test waits forever on a server that hangs.
  struct timeval timeout = {10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address),
                sizeof(address)) != 0) {
    const int error = errno;
    ::close(fd);
    return absl::UnavailableError(absl::StrCat("connect to 127.0.0.1:", port,
                                               ": ", std::strerror(error)));
  }
  // HTTP/1.0: the server closes the connection after the answer, so the
  // body ends at end of file.
  const std::string request =
      absl::StrCat("GET ", path, " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
  if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(request.size())) {
    ::close(fd);
    return absl::UnavailableError("send failed");
  }
  std::string answer;
  char buffer[16384];
  while (true) {
    const ssize_t got = ::recv(fd, buffer, sizeof(buffer), 0);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      ::close(fd);
      return absl::DeadlineExceededError("no answer within 10 s");
    }
    if (got == 0) break;
    answer.append(buffer, static_cast<size_t>(got));
  }
  ::close(fd);
  const size_t end_of_headers = answer.find("\r\n\r\n");
  if (end_of_headers == std::string::npos) {
    return absl::DataLossError(absl::StrCat("not an HTTP answer: ", answer));
  }
  const absl::string_view status_line =
      absl::string_view(answer).substr(0, answer.find("\r\n"));
  if (!absl::StrContains(status_line, " 200")) {
    return absl::FailedPreconditionError(
        absl::StrCat("GET ", path, ": ", status_line));
  }
  return answer.substr(end_of_headers + 4);
}

// One sample line of the text format: `name{a="x",b="y"} value`.
struct MetricSample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

// Every sample of an exposition (comments and blank lines skipped). Label
// values with escaped quotes are not expected here and not handled.
inline std::vector<MetricSample> ParseSamples(absl::string_view text) {
  std::vector<MetricSample> samples;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (line.empty() || line.front() == '#') continue;
    const size_t space = line.rfind(' ');
    if (space == absl::string_view::npos) continue;
    absl::string_view series = line.substr(0, space);
    MetricSample sample;
    sample.value =
        std::strtod(std::string(line.substr(space + 1)).c_str(), nullptr);
    const size_t brace = series.find('{');
    sample.name = std::string(series.substr(0, brace));
    if (brace != absl::string_view::npos) {
      absl::string_view labels = series.substr(brace + 1);
      absl::ConsumeSuffix(&labels, "}");
      for (absl::string_view pair :
           absl::StrSplit(labels, ',', absl::SkipEmpty())) {
        const size_t equals = pair.find('=');
        if (equals == absl::string_view::npos) continue;
        absl::string_view value = pair.substr(equals + 1);
        absl::ConsumePrefix(&value, "\"");
        absl::ConsumeSuffix(&value, "\"");
        sample.labels[std::string(pair.substr(0, equals))] = std::string(value);
      }
    }
    samples.push_back(std::move(sample));
  }
  return samples;
}

// The value of the first sample named `name` that carries every label of
// `labels` (it may carry more); nullopt when there is none.
inline std::optional<double> SampleValue(
    absl::string_view text, absl::string_view name,
    const std::map<std::string, std::string>& labels = {}) {
  for (const MetricSample& sample : ParseSamples(text)) {
    if (sample.name != name) continue;
    bool match = true;
    for (const auto& [label, value] : labels) {
      auto it = sample.labels.find(label);
      if (it == sample.labels.end() || it->second != value) {
        match = false;
        break;
      }
    }
    if (match) return sample.value;
  }
  return std::nullopt;
}

}  // namespace ranker::scrape

#endif  // RANKER_TESTS_METRICS_SCRAPE_H_
