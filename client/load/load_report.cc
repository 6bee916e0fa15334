#include "client/load/load_report.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace ranker::load {
namespace {

constexpr double kNanosPerMs = 1e6;

struct Quantile {
  const char* label;  // table header and JSON key
  double q;
};
constexpr Quantile kQuantiles[] = {
    {"p50", 0.5}, {"p90", 0.9}, {"p99", 0.99}, {"p99.9", 0.999}};

double Ms(int64_t nanos) { return static_cast<double>(nanos) / kNanosPerMs; }

std::string MsCell(int64_t nanos) { return absl::StrFormat("%.3f", Ms(nanos)); }

nlohmann::json LatencyJson(const LatencyHistogram& latency) {
  nlohmann::json json = nlohmann::json::object();
  for (const Quantile& quantile : kQuantiles) {
    json[quantile.label] = Ms(latency.ValueAtQuantile(quantile.q));
  }
  json["max"] = Ms(latency.max());
  json["mean"] = latency.mean() / kNanosPerMs;
  return json;
}

// Kinds that the phase sent, in the report's fixed order.
std::vector<RpcKind> SentKinds(const PhaseResult& phase) {
  std::vector<RpcKind> kinds;
  for (RpcKind kind : kAllRpcKinds) {
    if (phase.rpc(kind).sent > 0) kinds.push_back(kind);
  }
  return kinds;
}

std::string PhaseHeading(const PhaseResult& phase) {
  std::string load =
      phase.open_loop && phase.schedule.has_value()
          ? absl::StrFormat("open loop at %.1f req/s",
                            phase.schedule->target_rate)
          : absl::StrCat("closed loop, ", phase.concurrency, " in flight");
  return absl::StrFormat(
      "== phase %s: %s, %d channel%s, %.1f s measured, mix %s", phase.name,
      load, phase.channels, phase.channels == 1 ? "" : "s",
      phase.measured_seconds, phase.mix);
}

std::string ScheduleLine(const OpenLoopStats& schedule, double seconds) {
  const std::string figures = absl::StrFormat(
      "target %.1f req/s, achieved %.1f req/s (%d of %d due requests sent); "
      "send lag p50 %s ms, p99 %s ms, max %s ms",
      schedule.target_rate, AchievedRate(schedule, seconds), schedule.sent,
      schedule.scheduled, MsCell(schedule.send_lag.ValueAtQuantile(0.5)),
      MsCell(schedule.send_lag.ValueAtQuantile(0.99)),
      MsCell(schedule.send_lag.max()));
  if (KeptUp(schedule)) return absl::StrCat("schedule: ", figures, "\n");
  return absl::StrCat(
      "schedule: ", figures,
      "\nWARNING: the client did not keep up with the schedule; latencies "
      "count from the due times, so they include the client's own delay "
      "(a busy machine, or --max_in_flight reached)\n");
}

}  // namespace

double OkPerSecond(const RpcStats& stats, double seconds) {
  return seconds > 0 ? static_cast<double>(stats.ok) / seconds : 0.0;
}

bool KeptUp(const OpenLoopStats& schedule) {
  return schedule.sent >= schedule.scheduled &&
         Ms(schedule.send_lag.ValueAtQuantile(0.99)) <= kMaxKeptUpLagMs;
}

double AchievedRate(const OpenLoopStats& schedule, double seconds) {
  return seconds > 0 ? static_cast<double>(schedule.sent) / seconds : 0.0;
}

FloorSummary SummarizeFloor(const LoadReport& report) {
  FloorSummary summary;
  if (!report.floor || report.phases.empty()) return summary;
  const PhaseResult& floor = report.phases.front();
  summary.floor_ok_per_second =
      OkPerSecond(floor.rpc(RpcKind::kHealth), floor.measured_seconds);
  for (size_t i = 1; i < report.phases.size(); ++i) {
    const PhaseResult& phase = report.phases[i];
    for (RpcKind kind : SentKinds(phase)) {
      FloorRatio ratio{kind,
                       OkPerSecond(phase.rpc(kind), phase.measured_seconds)};
      if (summary.floor_ok_per_second > 0) {
        ratio.ratio = ratio.ok_per_second / summary.floor_ok_per_second;
      }
      summary.ratios.push_back(ratio);
    }
  }
  return summary;
}

std::string FormatReport(const LoadReport& report) {
  std::string out = absl::StrCat("ranker_load against ", report.target, "\n");
  for (const PhaseResult& phase : report.phases) {
    absl::StrAppend(&out, "\n", PhaseHeading(phase), "\n");
    absl::StrAppendFormat(&out, "%-10s %9s %9s %7s %10s", "rpc", "sent", "ok",
                          "errors", "ok/s");
    for (const Quantile& quantile : kQuantiles) {
      absl::StrAppendFormat(&out, " %9s", quantile.label);
    }
    absl::StrAppendFormat(&out, " %9s   (latency in ms)\n", "max");
    std::vector<std::string> error_notes;
    for (RpcKind kind : SentKinds(phase)) {
      const RpcStats& stats = phase.rpc(kind);
      absl::StrAppendFormat(&out, "%-10s %9d %9d %7d %10.1f", RpcKindName(kind),
                            stats.sent, stats.ok, stats.error_count(),
                            OkPerSecond(stats, phase.measured_seconds));
      for (const Quantile& quantile : kQuantiles) {
        absl::StrAppendFormat(
            &out, " %9s", MsCell(stats.latency.ValueAtQuantile(quantile.q)));
      }
      absl::StrAppendFormat(&out, " %9s\n", MsCell(stats.latency.max()));
      for (const auto& [code, count] : stats.errors) {
        error_notes.push_back(
            absl::StrCat(RpcKindName(kind), " ", code, "=", count));
      }
    }
    if (!error_notes.empty()) {
      absl::StrAppend(&out, "errors: ", absl::StrJoin(error_notes, ", "), "\n");
    }
    if (phase.schedule.has_value()) {
      absl::StrAppend(&out,
                      ScheduleLine(*phase.schedule, phase.measured_seconds));
    }
  }
  const FloorSummary floor = SummarizeFloor(report);
  if (report.floor) {
    absl::StrAppendFormat(&out,
                          "\nfloor (grpc.health.v1.Health/Check): %.1f ok/s\n",
                          floor.floor_ok_per_second);
    for (const FloorRatio& ratio : floor.ratios) {
      absl::StrAppendFormat(&out, "%-10s %10.1f ok/s = %.3f x floor\n",
                            RpcKindName(ratio.kind), ratio.ok_per_second,
                            ratio.ratio);
    }
  }
  return out;
}

nlohmann::json ReportToJson(const LoadReport& report) {
  nlohmann::json json;
  json["target"] = report.target;
  json["phases"] = nlohmann::json::array();
  for (const PhaseResult& phase : report.phases) {
    nlohmann::json p;
    p["name"] = phase.name;
    p["mode"] = phase.open_loop ? "open" : "closed";
    p["mix"] = phase.mix;
    p["channels"] = phase.channels;
    p["measured_seconds"] = phase.measured_seconds;
    if (!phase.open_loop) p["concurrency"] = phase.concurrency;
    p["rpcs"] = nlohmann::json::object();
    for (RpcKind kind : SentKinds(phase)) {
      const RpcStats& stats = phase.rpc(kind);
      nlohmann::json rpc;
      rpc["sent"] = stats.sent;
      rpc["ok"] = stats.ok;
      rpc["errors"] = nlohmann::json::object();
      for (const auto& [code, count] : stats.errors)
        rpc["errors"][code] = count;
      rpc["ok_per_second"] = OkPerSecond(stats, phase.measured_seconds);
      rpc["latency_ms"] = LatencyJson(stats.latency);
      p["rpcs"][std::string(RpcKindName(kind))] = std::move(rpc);
    }
    if (phase.schedule.has_value()) {
      const OpenLoopStats& schedule = *phase.schedule;
      p["schedule"] = {
          {"target_rate", schedule.target_rate},
          {"achieved_rate", AchievedRate(schedule, phase.measured_seconds)},
          {"scheduled", schedule.scheduled},
          {"sent", schedule.sent},
          {"kept_up", KeptUp(schedule)},
          {"send_lag_ms", LatencyJson(schedule.send_lag)},
      };
    }
    json["phases"].push_back(std::move(p));
  }
  if (report.floor) {
    const FloorSummary floor = SummarizeFloor(report);
    nlohmann::json ratios = nlohmann::json::object();
    for (const FloorRatio& ratio : floor.ratios) {
      ratios[std::string(RpcKindName(ratio.kind))] = {
          {"ok_per_second", ratio.ok_per_second}, {"ratio", ratio.ratio}};
    }
    json["floor"] = {{"health_ok_per_second", floor.floor_ok_per_second},
                     {"ratios", std::move(ratios)}};
  }
  return json;
}

}  // namespace ranker::load
