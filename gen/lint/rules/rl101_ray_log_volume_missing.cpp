// RL101: a log agent is in the pod, but the Ray container has no volume at /tmp/ray to share.
#include "lint/rule.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL101", "ray-log-volume-missing", Severity::Error,
    "The Ray container mounts no volume at /tmp/ray while a log agent runs beside it",
    "Mount an emptyDir at /tmp/ray in the Ray container and in the agent",
    "Ray writes its logs under /tmp/ray/session_*/logs inside its own container. A sidecar can only\n"
    "read them through a volume both containers mount; without one, the agent sees an empty folder\n"
    "and ships nothing.\n\n"
    "Bad:\n  containers:\n    - name: ray-head\n      image: rayproject/ray:2.46.0\n"
    "    - name: fluent-bit\n      volumeMounts: [{name: ray-logs, mountPath: /tmp/ray}]\n\n"
    "Good:\n  containers:\n    - name: ray-head\n      volumeMounts: [{name: ray-logs, mountPath: /tmp/ray}]\n"
    "    - name: fluent-bit\n      volumeMounts: [{name: ray-logs, mountPath: /tmp/ray}]\n"
    "  volumes: [{name: ray-logs, emptyDir: {}}]\n"};

class RayLogVolumeMissing : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkPod(const PodView& p, Reporter& r) const override {
    if (p.agents.empty() || !p.ray || rayLogMount(p.ray)) return;
    r.at(kInfo, p.ray, "Ray container '" + nameOf(p.ray) +
                           "' has no volume at /tmp/ray, so the log agent beside it sees no logs");
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL101() { return std::make_unique<RayLogVolumeMissing>(); }
}  // namespace raylog::lint
