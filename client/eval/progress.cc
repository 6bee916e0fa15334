#include "client/eval/progress.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <utility>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"

namespace ranker::eval {

bool StderrIsTerminal() { return isatty(STDERR_FILENO) == 1; }

std::string FormatEta(absl::Duration left) {
  const int64_t seconds = absl::ToInt64Seconds(left);
  if (seconds >= 3600) {
    return absl::StrFormat("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60,
                           seconds % 60);
  }
  return absl::StrFormat("%d:%02d", seconds / 60, seconds % 60);
}

Progress::Progress(std::string label, int64_t total, bool enabled)
    : label_(std::move(label)),
      total_(total),
      enabled_(enabled),
      start_(absl::Now()) {
  if (enabled_) drawer_ = std::thread([this] { Loop(); });
}

Progress::~Progress() {
  if (!enabled_) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  drawer_.join();
  Draw(/*final=*/true);
}

void Progress::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!wake_.wait_for(lock, std::chrono::milliseconds(200),
                         [this] { return stop_; })) {
    Draw(/*final=*/false);
  }
}

void Progress::Draw(bool final) {
  const int64_t done = this->done();
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start_);
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
  const double percent =
      total_ > 0 ? 100.0 * static_cast<double>(done) / total_ : 100.0;
  std::string eta = "--:--";
  if (final) {
    eta = "done in " + FormatEta(absl::Seconds(seconds));
  } else if (rate > 0 && total_ >= done) {
    eta = "ETA " + FormatEta(absl::Seconds((total_ - done) / rate));
  }
  const std::string line =
      absl::StrFormat("\r%-8s %d/%d (%.1f%%) %.0f/s %s", label_, done, total_,
                      percent, rate, eta);
  std::fprintf(stderr, "%-72s%s", line.c_str(), final ? "\n" : "");
  std::fflush(stderr);
}

}  // namespace ranker::eval
