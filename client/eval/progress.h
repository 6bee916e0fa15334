// A one-line progress display on stderr for the long phases: items done of
// the total, rate and time left, redrawn at most five times a second by a
// background thread.
#ifndef RANKER_CLIENT_EVAL_PROGRESS_H_
#define RANKER_CLIENT_EVAL_PROGRESS_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "absl/time/time.h"

namespace ranker::eval {

// True when stderr is a terminal.
bool StderrIsTerminal();

// "1:02:03" / "2:03".
std::string FormatEta(absl::Duration left);

class Progress {
 public:
  // Draws nothing when `enabled` is false; Add() is then just a counter.
  Progress(std::string label, int64_t total, bool enabled);
  ~Progress();  // draws the final state and ends the line
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Thread-safe.
  void Add(int64_t done) { done_.fetch_add(done, std::memory_order_relaxed); }
  int64_t done() const { return done_.load(std::memory_order_relaxed); }

 private:
  void Draw(bool final);
  void Loop();

  const std::string label_;
  const int64_t total_;
  const bool enabled_;
  const absl::Time start_;
  std::atomic<int64_t> done_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread drawer_;
};

}  // namespace ranker::eval

#endif  // RANKER_CLIENT_EVAL_PROGRESS_H_
