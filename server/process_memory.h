// The server process's own memory as the kernel accounts it, for operators
// (DescribeService, the start-up log line): how much of the heap a catalog and
// its users really take, which no count of objects tells.
//
// Linux only: read from /proc/self/status. The parser is apart from the read
// so that tests can feed it any text.
#ifndef RANKER_SERVER_PROCESS_MEMORY_H_
#define RANKER_SERVER_PROCESS_MEMORY_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace ranker {

struct ProcessMemory {
  // Resident set size now (VmRSS): the pages of the process in RAM.
  uint64_t resident_bytes = 0;
  // The highest resident set size so far (VmHWM, "high water mark"): a
  // catalog load or a snapshot's copy may have peaked above today's size.
  uint64_t peak_resident_bytes = 0;
};

// The VmRSS and VmHWM lines of the text of /proc/<pid>/status ("VmRSS:\t
// 123456 kB"), in bytes. NOT_FOUND naming the field when a line is missing,
// INVALID_ARGUMENT naming it when its value is not a number of kB.
absl::StatusOr<ProcessMemory> ParseProcStatusMemory(absl::string_view status);

// This process's memory now, from /proc/self/status. UNAVAILABLE when the
// file cannot be read (no /proc), else as ParseProcStatusMemory.
absl::StatusOr<ProcessMemory> ReadProcessMemory();

// Hands the heap's free pages back to the system (glibc's malloc_trim; a
// no-op elsewhere). Loading a large catalog parses it into temporary specs
// first: a million products leave about 750 MB free in the heap that glibc
// would otherwise keep, resident, for good.
void ReleaseFreedMemory();

}  // namespace ranker

#endif  // RANKER_SERVER_PROCESS_MEMORY_H_
