// RL102: the agent does not mount the volume the Ray container writes /tmp/ray to.
#include "lint/rule.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL102", "agent-log-volume-not-shared", Severity::Error,
    "A log agent does not mount the volume the Ray container writes /tmp/ray to",
    "Mount the Ray container's /tmp/ray volume in the agent too",
    "The agent can only read what Ray writes if it mounts the same volume. Mounting another\n"
    "volume (or none) at the agent's log path leaves it reading an empty folder.\n\n"
    "Bad:\n    - name: ray-head\n      volumeMounts: [{name: ray-logs, mountPath: /tmp/ray}]\n"
    "    - name: fluent-bit\n      volumeMounts: [{name: other, mountPath: /tmp/ray}]\n\n"
    "Good:\n    - name: fluent-bit\n      volumeMounts: [{name: ray-logs, mountPath: /tmp/ray}]\n"};

class AgentNotSharing : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkPod(const PodView& p, Reporter& r) const override {
    const YAML::Node mount = p.ray ? rayLogMount(p.ray) : YAML::Node(YAML::NodeType::Undefined);
    if (!mount || !mount["name"]) return;
    const std::string volume = mount["name"].Scalar();
    for (const Agent& a : p.agents) {
      if (findByName(a.container["volumeMounts"], volume)) continue;
      r.at(kInfo, a.container, "agent '" + nameOf(a.container) + "' does not mount volume '" + volume +
                                   "', where the Ray container writes /tmp/ray");
    }
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL102() { return std::make_unique<AgentNotSharing>(); }
}  // namespace raylog::lint
