// RL108 (warning): RAY_LOG_TO_STDERR=1. RL109 (error): the same next to a file-tailing agent.
#include "lint/rule.h"

namespace raylog::lint {
namespace {
const RuleInfo kStderrInfo{
    "RL108", "ray-log-to-stderr", Severity::Warning,
    "RAY_LOG_TO_STDERR=1: Ray writes logs to stderr instead of files",
    "Keep it only if a node-level collector ships container output; otherwise remove it",
    "With RAY_LOG_TO_STDERR=1 Ray's components log to stderr. Features that read log files stop\n"
    "working (worker log redirection to the driver), and lines after the first of a multi-line\n"
    "record lose the (component) prefix. raylog-gen's `strategy: stderr` marks its output as a\n"
    "deliberate choice with `raylog-gen.dev/ignore: RL108`.\n\n"
    "Bad (unintended):\n  env: [{name: RAY_LOG_TO_STDERR, value: \"1\"}]\n\n"
    "Good:\n  env: []   # Ray logs to files under /tmp/ray, shipped by an agent\n"};

const RuleInfo kConflictInfo{
    "RL109", "stderr-with-file-agent", Severity::Error,
    "RAY_LOG_TO_STDERR=1 next to an agent that tails Ray's log files: the agent collects nothing",
    "Remove RAY_LOG_TO_STDERR, or remove the file-tailing agent and collect container output",
    "The variable stops Ray from writing the files under /tmp/ray/session_*/logs that the sidecar\n"
    "tails, so the sidecar ships nothing at all.\n\n"
    "Bad:\n    - name: ray-head\n      env: [{name: RAY_LOG_TO_STDERR, value: \"1\"}]\n    - name: fluent-bit\n\n"
    "Good:\n    - name: ray-head   # no RAY_LOG_TO_STDERR\n    - name: fluent-bit\n"};

YAML::Node stderrVar(const PodView& p) {
  if (!p.ray) return YAML::Node(YAML::NodeType::Undefined);
  const YAML::Node e = findByName(p.ray["env"], "RAY_LOG_TO_STDERR");
  if (e && e["value"] && e["value"].IsScalar() && e["value"].Scalar() == "1") return e;
  return YAML::Node(YAML::NodeType::Undefined);
}

class RayLogToStderr : public Rule {
 public:
  const RuleInfo& info() const override { return kStderrInfo; }
  void checkPod(const PodView& p, Reporter& r) const override {
    if (YAML::Node e = stderrVar(p))
      r.at(kStderrInfo, e, "RAY_LOG_TO_STDERR=1: Ray writes no log files; worker log redirection to the driver stops working");
  }
};

class StderrWithFileAgent : public Rule {
 public:
  const RuleInfo& info() const override { return kConflictInfo; }
  void checkPod(const PodView& p, Reporter& r) const override {
    YAML::Node e = stderrVar(p);
    if (!e || p.agents.empty()) return;
    r.at(kConflictInfo, e, "RAY_LOG_TO_STDERR=1 next to agent '" + nameOf(p.agents[0].container) +
                               "', which tails log files that Ray no longer writes");
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL108() { return std::make_unique<RayLogToStderr>(); }
std::unique_ptr<Rule> makeRL109() { return std::make_unique<StderrWithFileAgent>(); }
}  // namespace raylog::lint
