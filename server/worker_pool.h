// A fixed set of threads that run the ranker calls' work, so that gRPC's own
// callback threads only accept a call, check its deadline and admission, and
// hand it over. Those threads are few (gRPC 1.51 runs callbacks on
// clamp(cores / 2, 2, 16) of them); if they ranked and waited for fsync
// themselves, calls beyond them would wait unseen in gRPC's queue, where no
// admission check can refuse them. Here they stay free to refuse at once.
//
// The queue has no bound of its own: only admitted calls are scheduled, so
// AdmissionControl bounds it (in flight = running + queued).
#ifndef RANKER_SERVER_WORKER_POOL_H_
#define RANKER_SERVER_WORKER_POOL_H_

#include <deque>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "absl/synchronization/mutex.h"

namespace ranker {

class WorkerPool {
 public:
  // Starts `threads` threads (at least one).
  explicit WorkerPool(int threads);
  // Runs what is queued, then joins the threads.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `work`; a free thread runs it, in order of scheduling.
  void Schedule(absl::AnyInvocable<void() &&> work);

  int size() const { return static_cast<int>(threads_.size()); }

 private:
  void Loop();
  bool HasWorkOrStopping() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return stopping_ || !queue_.empty();
  }

  absl::Mutex mu_;
  std::deque<absl::AnyInvocable<void() &&>> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace ranker

#endif  // RANKER_SERVER_WORKER_POOL_H_
