// RL104: the head has a log agent and a worker group does not (or the reverse).
#include <set>

#include "lint/rule.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL104", "agent-missing-in-group", Severity::Error,
    "Some pod templates of a Ray cluster have a log agent and others do not",
    "Add the same agent (and shared volume) to the head and every worker group",
    "Most work, and most logs, happen on workers. The public guides show the sidecar on the head\n"
    "only; copied as is, every worker's logs are lost when its pod goes away.\n\n"
    "Bad:\n  headGroupSpec: {template: {spec: {containers: [ray-head, fluent-bit]}}}\n"
    "  workerGroupSpecs: [{template: {spec: {containers: [ray-worker]}}}]\n\n"
    "Good:\n  workerGroupSpecs: [{template: {spec: {containers: [ray-worker, fluent-bit]}}}]\n"};

std::string kindName(AgentKind k) {
  for (const LogAgent& a : logAgents())
    if (a.kind == k) return a.product;
  return "log agent";
}

class GroupWithoutAgent : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkRayObject(const RayObjectView& o, Reporter& r) const override {
    std::set<AgentKind> anywhere;
    for (const PodView& p : o.pods)
      for (const Agent& a : p.agents) anywhere.insert(a.kind);
    for (const PodView& p : o.pods) {
      for (AgentKind k : anywhere) {
        bool has = false;
        for (const Agent& a : p.agents) has = has || a.kind == k;
        if (has) continue;
        r.at(kInfo, p.ref.tmpl.node(), (p.ref.type == RayNodeType::Head ? std::string("the head")
                                                                          : "worker group '" + p.ref.groupName + "'") +
                                           " has no " + kindName(k) + ", which other groups of this cluster have");
      }
    }
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL104() { return std::make_unique<GroupWithoutAgent>(); }
}  // namespace raylog::lint
