#include "client/cli_args.h"

#include <cstdint>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/reflection.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"

namespace ranker::cli {
namespace {

absl::Status FlagError(absl::string_view name, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat("--", name, ": ", problem));
}

// Abseil's help flags (--helpfull, --helpon=..., --version, ...). In this
// Abseil they are not registered flags: absl::ParseCommandLine recognises
// them by name, so they are passed on unchecked. --help itself is handled
// by ranker_cli.
bool IsAbseilUsageFlag(absl::string_view name) {
  return name == "helpfull" || name == "helpshort" || name == "helppackage" ||
         name == "helpon" || name == "helpmatch" || name == "version" ||
         name == "only_check_args";
}

// Abseil's own flags that read further input. Setting them here would make
// absl::ParseCommandLine read that input twice, so they are left to it.
bool IsGeneratorFlag(absl::string_view name) {
  return name == "flagfile" || name == "fromenv" || name == "tryfromenv" ||
         name == "undefok";
}

// What a value of the flag's type looks like, for the error message.
absl::string_view ExpectedValue(const absl::CommandLineFlag& flag) {
  if (flag.IsOfType<bool>()) return " (true or false)";
  if (flag.IsOfType<int32_t>() || flag.IsOfType<int64_t>()) {
    return " (an integer)";
  }
  if (flag.IsOfType<double>()) return " (a number)";
  if (flag.IsOfType<absl::Duration>()) {
    return " (a duration such as 500ms or 30s)";
  }
  return "";
}

}  // namespace

absl::StatusOr<ScannedArgs> ScanArgs(int argc, const char* const argv[]) {
  ScannedArgs scanned;
  if (argc > 0) scanned.normalized.emplace_back(argv[0]);
  bool flags_ended = false;
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (flags_ended || arg.size() < 2 || arg.front() != '-') {
      scanned.positional.emplace_back(arg);  // "-" alone is an argument too
      continue;
    }
    if (arg == "--") {
      flags_ended = true;
      continue;
    }
    if (!absl::ConsumePrefix(&arg, "--")) absl::ConsumePrefix(&arg, "-");
    const size_t equals = arg.find('=');
    const bool has_value = equals != absl::string_view::npos;
    const absl::string_view name = arg.substr(0, equals);
    absl::string_view value = has_value ? arg.substr(equals + 1) : "";
    if (name == "help" || name == "h") {  // ranker_cli prints its own help
      scanned.help = true;
      continue;
    }

    if (IsAbseilUsageFlag(name)) {
      scanned.normalized.emplace_back(argv[i]);
      continue;
    }

    absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    bool negated = false;
    if (flag == nullptr && absl::StartsWith(name, "no")) {
      flag = absl::FindCommandLineFlag(name.substr(2));
      negated = flag != nullptr && flag->IsOfType<bool>();
      if (!negated) flag = nullptr;
    }
    if (flag == nullptr || flag->IsRetired()) {
      return FlagError(name, "unknown flag");
    }
    if (flag->IsOfType<bool>()) {
      if (negated && has_value) return FlagError(name, "takes no value");
      if (!has_value) value = negated ? "false" : "true";
    } else if (!has_value) {
      if (i + 1 >= argc) return FlagError(name, "missing value");
      value = argv[++i];
    }
    if (!IsGeneratorFlag(flag->Name())) {
      std::string error;
      if (!flag->ParseFrom(value, &error)) {
        return FlagError(flag->Name(), absl::StrCat("invalid value '", value,
                                                    "'", ExpectedValue(*flag)));
      }
    }
    scanned.flags.insert(std::string(flag->Name()));
    scanned.normalized.push_back(absl::StrCat("--", flag->Name(), "=", value));
  }
  scanned.normalized.emplace_back("--");
  scanned.normalized.insert(scanned.normalized.end(),
                            scanned.positional.begin(),
                            scanned.positional.end());
  return scanned;
}

}  // namespace ranker::cli
