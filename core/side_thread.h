// One helper thread that runs a task beside its caller: Start hands the task
// over and returns, the caller does its own share of the work, Finish waits
// for the task. The engine applies a large LogEvent call's events in two
// independent lanes this way (the profiles and item statistics on the
// calling thread, sessions and the edge graphs here), since applying is the
// write path's one serial step.
//
// The thread starts with the object and is joined by its destructor. One
// task at a time; Start and Finish come from one thread at a time (the
// engine calls them with its apply lock held).
#ifndef RANKER_CORE_SIDE_THREAD_H_
#define RANKER_CORE_SIDE_THREAD_H_

#include <optional>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/synchronization/mutex.h"

namespace ranker {

class SideThread {
 public:
  SideThread();
  ~SideThread();
  SideThread(const SideThread&) = delete;
  SideThread& operator=(const SideThread&) = delete;

  // Runs `task` on the side thread; `task` must stay valid until Finish.
  void Start(absl::FunctionRef<void()> task);
  // Waits until the task given to Start has run.
  void Finish();

 private:
  void Loop();

  absl::Mutex mu_;
  std::optional<absl::FunctionRef<void()>> task_ ABSL_GUARDED_BY(mu_);
  bool running_ ABSL_GUARDED_BY(mu_) = false;  // a task started, not finished
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace ranker

#endif  // RANKER_CORE_SIDE_THREAD_H_
