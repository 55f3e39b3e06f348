// RL110: a log agent without resource requests and limits.
#include "lint/rule.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL110", "agent-without-resources", Severity::Warning,
    "A log agent has no resource requests or limits",
    "Set resources.requests and resources.limits (cpu and memory) on the agent",
    "Without requests the scheduler does not count the agent; without a memory limit a backlog\n"
    "(an unreachable backend) can grow it until the node evicts the whole Ray pod.\n\n"
    "Bad:\n    - name: fluent-bit\n      image: fluent/fluent-bit:3.2.10\n\n"
    "Good:\n    - name: fluent-bit\n      resources:\n        requests: {cpu: 50m, memory: 64Mi}\n"
    "        limits: {cpu: 200m, memory: 128Mi}\n"};

class AgentWithoutResources : public AgentRule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkAgent(const Agent& a, Reporter& r) const override {
    const YAML::Node res = a.container["resources"];
    const bool ok = res && res.IsMap() && res["requests"] && res["requests"].IsMap() && res["limits"] &&
                    res["limits"].IsMap() && res["limits"]["memory"];
    if (!ok) r.at(kInfo, a.container, "agent '" + nameOf(a.container) + "' has no resource requests and memory limit");
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL110() { return std::make_unique<AgentWithoutResources>(); }
}  // namespace raylog::lint
