#include "core/side_thread.h"

namespace ranker {

SideThread::SideThread() : thread_([this] { Loop(); }) {}

SideThread::~SideThread() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

void SideThread::Start(absl::FunctionRef<void()> task) {
  absl::MutexLock lock(&mu_);
  task_.emplace(task);
  running_ = true;
}

void SideThread::Finish() {
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(
      +[](bool* running) { return !*running; }, &running_));
}

void SideThread::Loop() {
  absl::MutexLock lock(&mu_);
  for (;;) {
    mu_.Await(absl::Condition(
        +[](SideThread* self) ABSL_NO_THREAD_SAFETY_ANALYSIS {
          return self->task_.has_value() || self->stopping_;
        },
        this));
    if (!task_.has_value()) return;  // stopping, nothing left to run
    const absl::FunctionRef<void()> task = *task_;
    task_.reset();
    mu_.Unlock();
    task();
    mu_.Lock();
    running_ = false;
  }
}

}  // namespace ranker
