#include "client/eval/report.h"

#include <sched.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"

namespace ranker::eval {
namespace {

using Json = nlohmann::ordered_json;

// Rounded for reading; the JSON keeps 4 decimals (papers print 2).
double Round4(double value) { return std::round(value * 1e4) / 1e4; }

Json MetricsToJson(const MetricsSummary& m) {
  Json json;
  json["cases"] = m.cases;
  for (size_t c = 0; c < kCutoffs.size(); ++c) {
    json[absl::StrCat("hr@", kCutoffs[c])] = Round4(m.hr[c]);
  }
  for (size_t c = 0; c < kCutoffs.size(); ++c) {
    json[absl::StrCat("mrr@", kCutoffs[c])] = Round4(m.mrr[c]);
  }
  for (size_t c = 0; c < kCutoffs.size(); ++c) {
    json[absl::StrCat("ndcg@", kCutoffs[c])] = Round4(m.ndcg[c]);
  }
  json["coverage@20"] = Round4(m.coverage);
  json["mean_popularity_percentile"] = Round4(m.mean_popularity_percentile);
  json["slots"] = m.slots;
  return json;
}

Json LatencyToJson(const LatencySummary& l) {
  return Json{{"calls", l.calls},
              {"p50", Round4(l.p50_ms)},
              {"p99", Round4(l.p99_ms)},
              {"mean", Round4(l.mean_ms)},
              {"max", Round4(l.max_ms)}};
}

std::string LatencyLine(const char* what, const LatencySummary& l) {
  return absl::StrFormat(
      "%s latency (client-measured, ms): p50 %.2f  p99 %.2f  mean %.2f  max "
      "%.2f  (%d calls)\n",
      what, l.p50_ms, l.p99_ms, l.mean_ms, l.max_ms, l.calls);
}

}  // namespace

LatencySummary SummarizeLatencies(std::vector<float> latencies_ms) {
  LatencySummary summary;
  summary.calls = static_cast<int64_t>(latencies_ms.size());
  if (latencies_ms.empty()) return summary;
  std::sort(latencies_ms.begin(), latencies_ms.end());
  const auto nearest_rank = [&](double p) {
    const size_t rank = static_cast<size_t>(
        std::ceil(p * static_cast<double>(latencies_ms.size())));
    return latencies_ms[std::clamp<size_t>(rank, 1, latencies_ms.size()) - 1];
  };
  summary.p50_ms = nearest_rank(0.50);
  summary.p99_ms = nearest_rank(0.99);
  summary.max_ms = latencies_ms.back();
  summary.mean_ms =
      std::accumulate(latencies_ms.begin(), latencies_ms.end(), 0.0) /
      static_cast<double>(latencies_ms.size());
  return summary;
}

MachineInfo ReadMachineInfo() {
  MachineInfo info;
  cpu_set_t cpus;
  CPU_ZERO(&cpus);
  info.nproc = sched_getaffinity(0, sizeof(cpus), &cpus) == 0
                   ? CPU_COUNT(&cpus)
                   : static_cast<int>(std::thread::hardware_concurrency());
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (absl::StartsWith(line, "model name")) {
      const size_t colon = line.find(':');
      if (colon != std::string::npos) {
        info.cpu_model = std::string(absl::StripAsciiWhitespace(
            absl::string_view(line).substr(colon + 1)));
      }
      break;
    }
  }
  if (info.cpu_model.empty()) info.cpu_model = "unknown";
  return info;
}

std::string FormatReport(const EvalReport& report) {
  const DatasetInfo& d = report.dataset;
  std::string out = absl::StrFormat(
      "dataset %s (%s), split %s: %d items (%d with training events), %d "
      "training sessions, %d training events; %d of %d test cases evaluated "
      "(%d labels never seen in training)\n\n",
      d.path, d.format, d.split, d.items, d.training_items, d.train_sessions,
      d.train_events, d.evaluated_cases, d.test_cases,
      d.labels_not_in_training);

  size_t name_width = 8;
  for (const MethodResult& m : report.methods) {
    name_width = std::max(name_width, m.name.size());
  }
  const int w = static_cast<int>(name_width);
  absl::StrAppendFormat(&out, "%-*s", w, "method");
  for (const char* metric : {"HR", "MRR", "NDCG"}) {
    for (int k : kCutoffs) {
      absl::StrAppendFormat(&out, " %8s", absl::StrCat(metric, "@", k));
    }
  }
  absl::StrAppendFormat(&out, " %8s %8s\n", "Cov@20", "PopPct");
  out += std::string(name_width + 11 * 9, '-') + "\n";
  for (const MethodResult& m : report.methods) {
    absl::StrAppendFormat(&out, "%-*s", w, m.name);
    for (const auto* values :
         {&m.metrics.hr, &m.metrics.mrr, &m.metrics.ndcg}) {
      for (double v : *values) absl::StrAppendFormat(&out, " %8.2f", v);
    }
    absl::StrAppendFormat(&out, " %8.2f %8.2f\n", m.metrics.coverage,
                          m.metrics.mean_popularity_percentile);
  }
  out +=
      "(percent; HR@K = P@K of the papers; Cov@20 = share of training items "
      "in any top-20 list; PopPct = mean popularity percentile of the "
      "recommended items, 100 = most popular)\n\n";

  if (report.recommend_latency) {
    out += LatencyLine("RecommendProducts", *report.recommend_latency);
  }
  if (report.log_event_latency) {
    out +=
        LatencyLine("LogEvent (streaming clicks)", *report.log_event_latency);
  }
  if (report.streaming_sessions) {
    absl::StrAppendFormat(&out,
                          "streaming: %d test sessions replayed click by "
                          "click\n",
                          *report.streaming_sessions);
  }
  if (report.service_checks) {
    const ServiceChecks& c = *report.service_checks;
    absl::StrAppendFormat(&out,
                          "service checks: %d unknown ids, %d duplicate "
                          "slots, %d short lists\n",
                          c.unknown_items, c.duplicate_items, c.short_lists);
  }
  out += "phases (wall s):";
  for (const auto& [phase, seconds] : report.phases_seconds) {
    absl::StrAppendFormat(&out, "  %s %.1f", phase, seconds);
  }
  absl::StrAppendFormat(&out, "\nmachine: nproc %d, %s\n", report.machine.nproc,
                        report.machine.cpu_model);
  return out;
}

Json ReportToJson(const EvalReport& report) {
  Json json;
  Json flags = Json::object();
  for (const auto& [name, value] : report.flags) flags[name] = value;
  json["flags"] = flags;
  const DatasetInfo& d = report.dataset;
  json["dataset"] = Json{{"format", d.format},
                         {"path", d.path},
                         {"split", d.split},
                         {"items", d.items},
                         {"training_items", d.training_items},
                         {"train_sessions", d.train_sessions},
                         {"train_events", d.train_events},
                         {"test_cases", d.test_cases},
                         {"evaluated_cases", d.evaluated_cases},
                         {"labels_not_in_training", d.labels_not_in_training}};
  Json methods = Json::array();
  for (const MethodResult& m : report.methods) {
    Json entry = Json{{"name", m.name}};
    entry.update(MetricsToJson(m.metrics));
    methods.push_back(std::move(entry));
  }
  json["results"] = methods;
  Json latency = Json::object();
  if (report.recommend_latency) {
    latency["recommend_products"] = LatencyToJson(*report.recommend_latency);
  }
  if (report.log_event_latency) {
    latency["log_event"] = LatencyToJson(*report.log_event_latency);
  }
  json["latency_ms"] = latency;
  if (report.streaming_sessions) {
    json["streaming_sessions"] = *report.streaming_sessions;
  }
  if (report.service_checks) {
    json["service_checks"] =
        Json{{"unknown_items", report.service_checks->unknown_items},
             {"duplicate_items", report.service_checks->duplicate_items},
             {"short_lists", report.service_checks->short_lists}};
  }
  Json phases = Json::object();
  for (const auto& [phase, seconds] : report.phases_seconds) {
    phases[phase] = Round4(seconds);
  }
  json["phases_s"] = phases;
  json["machine"] = Json{{"nproc", report.machine.nproc},
                         {"cpu_model", report.machine.cpu_model}};
  return json;
}

absl::Status WriteJsonReport(const EvalReport& report,
                             const std::string& path) {
  std::ofstream out(path, std::ios::trunc);
  if (!out) return absl::UnavailableError(absl::StrCat("cannot write ", path));
  out << ReportToJson(report).dump(2) << "\n";
  out.flush();
  if (!out) return absl::DataLossError(absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

}  // namespace ranker::eval
