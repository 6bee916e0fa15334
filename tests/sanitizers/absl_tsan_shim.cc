// ThreadSanitizer shim for Debian's prebuilt Abseil: linked into the
// -fsanitize=thread test binaries only (RANKER_TSAN=ON, scripts/test.sh's
// third pass), never into anything shipped.
//
// Why: libabsl_synchronization.so is not compiled with -fsanitize=thread, so
// TSan cannot see absl::Mutex lock and unlock (they are atomics and futexes
// inside an uninstrumented library). Every field guarded by an absl::Mutex
// would then be reported as a data race, and the real races would drown in
// them. Rebuilding Abseil with TSan would break "dependencies only from
// Debian packages".
//
// How: this file defines the public absl::Mutex, absl::CondVar and
// absl::Notification member functions in the test executable itself. The
// dynamic linker resolves every call (from our code, and from Abseil's own
// libraries where they call through the PLT) to the executable's definition
// first; each one forwards to the real function (found with
// dlsym(RTLD_NEXT, <mangled name>)) wrapped in the annotations Abseil's own
// mutex.cc makes when it is built with TSan: __tsan_mutex_pre_lock /
// post_lock / pre_unlock / post_unlock. TSan then models an absl::Mutex as a
// mutex: happens-before from each unlock to the next lock, reader/writer
// modes, lock-order (deadlock) checks, and no checking of memory accesses
// made inside a lock operation, such as a Condition evaluated by Abseil while
// it holds the lock. absl::Mutex's inline constructor already announces the
// mutex to TSan (__tsan_mutex_create) when the caller is compiled with TSan.
//
//   * CondVar::Wait*(mu) and Mutex::Await*() release mu and take it again
//     inside the library: annotated as an unlock before and a lock after.
//     A CondVar wait is assumed to hold mu in writer mode (Abseil allows
//     reader mode; nothing here waits that way).
//   * Notification::Notify() releases, and a wait that saw the notification
//     acquires, the address of the notification's flag; HasBeenNotified() is
//     an inline atomic load (acquire) of that same flag in instrumented code,
//     so it synchronizes with Notify() too.
//   * std::atomic, std::mutex, std::thread and std::condition_variable need
//     nothing: they are inline (instrumented) or pthread calls TSan
//     intercepts.
//
// Abseil's functions call each other through the PLT too (LockWhenWithTimeout
// calls LockWhenWithDeadline, Notification::Notify calls Lock and Unlock), so
// a call made while this thread is already inside a shimmed function is only
// forwarded: annotating it again would count one lock twice (TSan then sees
// a recursive lock that the single unlock never releases).
//
// The real functions are found by their mangled names, which embed Abseil's
// inline namespace (absl::debian3 on Debian 12); the names are built from
// ABSL_OPTION_INLINE_NAMESPACE_NAME, so another Abseil version only needs
// the same public member functions. A name that does not resolve aborts.
#include <dlfcn.h>
#include <sanitizer/tsan_interface.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "absl/base/options.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define RANKER_TSAN_BUILD 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define RANKER_TSAN_BUILD 1
#endif
#ifndef RANKER_TSAN_BUILD
#error "absl_tsan_shim.cc belongs in -fsanitize=thread builds only"
#endif
#if !ABSL_OPTION_USE_INLINE_NAMESPACE
#error "the mangled names below assume Abseil's inline namespace"
#endif

namespace ranker_tsan_shim {
namespace {

#define RANKER_TSAN_STR2(x) #x
#define RANKER_TSAN_STR(x) RANKER_TSAN_STR2(x)

// "_ZN" + "4absl" + "<n><inline namespace>" + tail: the Itanium mangling of
// absl::<ns>::<tail>; `nested` is "_ZN" or "_ZNK" (const member).
std::string Mangled(const char* nested, const char* tail) {
  const std::string ns = RANKER_TSAN_STR(ABSL_OPTION_INLINE_NAMESPACE_NAME);
  return std::string(nested) + "4absl" + std::to_string(ns.size()) + ns + tail;
}

template <typename Fn>
Fn Real(const char* nested, const char* tail) {
  const std::string name = Mangled(nested, tail);
  void* fn = dlsym(RTLD_NEXT, name.c_str());
  if (fn == nullptr) {
    std::fprintf(stderr, "absl_tsan_shim: %s not found: %s\n", name.c_str(),
                 dlerror());
    std::abort();
  }
  return reinterpret_cast<Fn>(fn);
}

// The real function, looked up once (a function-local static: thread-safe,
// and usable before main, when Abseil's flags already take mutexes).
// Depth of shimmed calls on this thread (see the top of the file).
thread_local int shim_depth = 0;

class ShimScope {
 public:
  ShimScope() { ++shim_depth; }
  ~ShimScope() { --shim_depth; }
  ShimScope(const ShimScope&) = delete;
  ShimScope& operator=(const ShimScope&) = delete;
};

// Declares `real`, the library's function; returns `real(args...)` directly
// when nested in another shimmed call, else enters a ShimScope.
#define RANKER_REAL(type, nested, tail, ...)                      \
  static const auto real = Real<type>(nested, tail);              \
  if (ranker_tsan_shim::shim_depth > 0) return real(__VA_ARGS__); \
  const ranker_tsan_shim::ShimScope shim_scope

constexpr unsigned kRead = __tsan_mutex_read_lock;
constexpr unsigned kTry = __tsan_mutex_try_lock;
constexpr unsigned kTryFailed = __tsan_mutex_try_lock_failed;

// Runs `lock` (which returns with `mu` held) annotated as a lock.
template <typename Lock>
auto AnnotatedLock(absl::Mutex* mu, unsigned flags, Lock lock) {
  __tsan_mutex_pre_lock(mu, flags);
  auto result = lock();
  __tsan_mutex_post_lock(mu, flags, 0);
  return result;
}

void PreUnlock(absl::Mutex* mu, unsigned flags) {
  __tsan_mutex_pre_unlock(mu, flags);
}
void PostUnlock(absl::Mutex* mu, unsigned flags) {
  __tsan_mutex_post_unlock(mu, flags);
}

// Mutex::Await* and CondVar::Wait*: `mu` is held on entry and on return but
// released in between.
template <typename Wait>
auto AnnotatedWait(absl::Mutex* mu, unsigned flags, Wait wait) {
  PreUnlock(mu, flags);
  PostUnlock(mu, flags);
  return AnnotatedLock(mu, flags, wait);
}

// Where Notify() releases and a successful wait acquires: the notification's
// flag, which inline HasBeenNotified() loads with memory_order_acquire.
void* NotifiedFlag(const absl::Notification* n) {
  static_assert(
      sizeof(absl::Notification) >= sizeof(absl::Mutex) + 1,
      "Notification is { Mutex mutex_; atomic<bool> notified_yet_; }");
  return const_cast<char*>(reinterpret_cast<const char*>(n)) +
         sizeof(absl::Mutex);
}

}  // namespace
}  // namespace ranker_tsan_shim

namespace absl {
ABSL_NAMESPACE_BEGIN

using ranker_tsan_shim::AnnotatedLock;
using ranker_tsan_shim::AnnotatedWait;
using ranker_tsan_shim::kRead;
using ranker_tsan_shim::kTry;
using ranker_tsan_shim::kTryFailed;
using ranker_tsan_shim::NotifiedFlag;
using ranker_tsan_shim::Real;

void Mutex::Lock() {
  RANKER_REAL(void (*)(Mutex*), "_ZN", "5Mutex4LockEv", this);
  AnnotatedLock(this, 0, [&] { return (real(this), 0); });
}

void Mutex::Unlock() {
  RANKER_REAL(void (*)(Mutex*), "_ZN", "5Mutex6UnlockEv", this);
  ranker_tsan_shim::PreUnlock(this, 0);
  real(this);
  ranker_tsan_shim::PostUnlock(this, 0);
}

bool Mutex::TryLock() {
  RANKER_REAL(bool (*)(Mutex*), "_ZN", "5Mutex7TryLockEv", this);
  __tsan_mutex_pre_lock(this, kTry);
  const bool locked = real(this);
  __tsan_mutex_post_lock(this, locked ? kTry : kTry | kTryFailed, 0);
  return locked;
}

void Mutex::ReaderLock() {
  RANKER_REAL(void (*)(Mutex*), "_ZN", "5Mutex10ReaderLockEv", this);
  AnnotatedLock(this, kRead, [&] { return (real(this), 0); });
}

void Mutex::ReaderUnlock() {
  RANKER_REAL(void (*)(Mutex*), "_ZN", "5Mutex12ReaderUnlockEv", this);
  ranker_tsan_shim::PreUnlock(this, kRead);
  real(this);
  ranker_tsan_shim::PostUnlock(this, kRead);
}

bool Mutex::ReaderTryLock() {
  RANKER_REAL(bool (*)(Mutex*), "_ZN", "5Mutex13ReaderTryLockEv", this);
  __tsan_mutex_pre_lock(this, kRead | kTry);
  const bool locked = real(this);
  __tsan_mutex_post_lock(this,
                         locked ? kRead | kTry : kRead | kTry | kTryFailed, 0);
  return locked;
}

void Mutex::LockWhen(const Condition& cond) {
  RANKER_REAL(void (*)(Mutex*, const Condition&), "_ZN",
              "5Mutex8LockWhenERKNS0_9ConditionE", this, cond);
  AnnotatedLock(this, 0, [&] { return (real(this, cond), 0); });
}

void Mutex::ReaderLockWhen(const Condition& cond) {
  RANKER_REAL(void (*)(Mutex*, const Condition&), "_ZN",
              "5Mutex14ReaderLockWhenERKNS0_9ConditionE", this, cond);
  AnnotatedLock(this, kRead, [&] { return (real(this, cond), 0); });
}

// The timed variants return whether the condition held, but hold the lock
// either way.
bool Mutex::LockWhenWithTimeout(const Condition& cond, Duration timeout) {
  RANKER_REAL(bool (*)(Mutex*, const Condition&, Duration), "_ZN",
              "5Mutex19LockWhenWithTimeoutERKNS0_9ConditionENS0_8DurationE",
              this, cond, timeout);
  return AnnotatedLock(this, 0, [&] { return real(this, cond, timeout); });
}

bool Mutex::LockWhenWithDeadline(const Condition& cond, Time deadline) {
  RANKER_REAL(bool (*)(Mutex*, const Condition&, Time), "_ZN",
              "5Mutex20LockWhenWithDeadlineERKNS0_9ConditionENS0_4TimeE", this,
              cond, deadline);
  return AnnotatedLock(this, 0, [&] { return real(this, cond, deadline); });
}

bool Mutex::ReaderLockWhenWithTimeout(const Condition& cond, Duration timeout) {
  RANKER_REAL(
      bool (*)(Mutex*, const Condition&, Duration), "_ZN",
      "5Mutex25ReaderLockWhenWithTimeoutERKNS0_9ConditionENS0_8DurationE", this,
      cond, timeout);
  return AnnotatedLock(this, kRead, [&] { return real(this, cond, timeout); });
}

bool Mutex::ReaderLockWhenWithDeadline(const Condition& cond, Time deadline) {
  RANKER_REAL(bool (*)(Mutex*, const Condition&, Time), "_ZN",
              "5Mutex26ReaderLockWhenWithDeadlineERKNS0_9ConditionENS0_4TimeE",
              this, cond, deadline);
  return AnnotatedLock(this, kRead, [&] { return real(this, cond, deadline); });
}

void Mutex::Await(const Condition& cond) {
  RANKER_REAL(void (*)(Mutex*, const Condition&), "_ZN",
              "5Mutex5AwaitERKNS0_9ConditionE", this, cond);
  AnnotatedWait(this, 0, [&] { return (real(this, cond), 0); });
}

bool Mutex::AwaitWithTimeout(const Condition& cond, Duration timeout) {
  RANKER_REAL(bool (*)(Mutex*, const Condition&, Duration), "_ZN",
              "5Mutex16AwaitWithTimeoutERKNS0_9ConditionENS0_8DurationE", this,
              cond, timeout);
  return AnnotatedWait(this, 0, [&] { return real(this, cond, timeout); });
}

bool Mutex::AwaitWithDeadline(const Condition& cond, Time deadline) {
  RANKER_REAL(bool (*)(Mutex*, const Condition&, Time), "_ZN",
              "5Mutex17AwaitWithDeadlineERKNS0_9ConditionENS0_4TimeE", this,
              cond, deadline);
  return AnnotatedWait(this, 0, [&] { return real(this, cond, deadline); });
}

void CondVar::Wait(Mutex* mu) {
  RANKER_REAL(void (*)(CondVar*, Mutex*), "_ZN", "7CondVar4WaitEPNS0_5MutexE",
              this, mu);
  AnnotatedWait(mu, 0, [&] { return (real(this, mu), 0); });
}

bool CondVar::WaitWithTimeout(Mutex* mu, Duration timeout) {
  RANKER_REAL(bool (*)(CondVar*, Mutex*, Duration), "_ZN",
              "7CondVar15WaitWithTimeoutEPNS0_5MutexENS0_8DurationE", this, mu,
              timeout);
  return AnnotatedWait(mu, 0, [&] { return real(this, mu, timeout); });
}

bool CondVar::WaitWithDeadline(Mutex* mu, Time deadline) {
  RANKER_REAL(bool (*)(CondVar*, Mutex*, Time), "_ZN",
              "7CondVar16WaitWithDeadlineEPNS0_5MutexENS0_4TimeE", this, mu,
              deadline);
  return AnnotatedWait(mu, 0, [&] { return real(this, mu, deadline); });
}

void Notification::Notify() {
  RANKER_REAL(void (*)(Notification*), "_ZN", "12Notification6NotifyEv", this);
  __tsan_release(NotifiedFlag(this));
  real(this);
}

void Notification::WaitForNotification() const {
  RANKER_REAL(void (*)(const Notification*), "_ZNK",
              "12Notification19WaitForNotificationEv", this);
  real(this);
  __tsan_acquire(NotifiedFlag(this));
}

bool Notification::WaitForNotificationWithTimeout(Duration timeout) const {
  RANKER_REAL(bool (*)(const Notification*, Duration), "_ZNK",
              "12Notification30WaitForNotificationWithTimeoutENS0_8DurationE",
              this, timeout);
  const bool notified = real(this, timeout);
  if (notified) __tsan_acquire(NotifiedFlag(this));
  return notified;
}

bool Notification::WaitForNotificationWithDeadline(Time deadline) const {
  RANKER_REAL(bool (*)(const Notification*, Time), "_ZNK",
              "12Notification31WaitForNotificationWithDeadlineENS0_4TimeE",
              this, deadline);
  const bool notified = real(this, deadline);
  if (notified) __tsan_acquire(NotifiedFlag(this));
  return notified;
}

ABSL_NAMESPACE_END
}  // namespace absl
