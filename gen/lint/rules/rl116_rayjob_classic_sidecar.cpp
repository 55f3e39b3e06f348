// RL116: a log agent runs as a classic sidecar in a RayJob whose cluster is deleted when the job ends.
#include "lint/rule.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL116", "rayjob-classic-sidecar", Severity::Warning,
    "A RayJob that deletes its cluster when the job ends runs its log agent as a classic sidecar",
    "Run the agent as a native sidecar: under initContainers with restartPolicy: Always (Kubernetes >= 1.29)",
    "With shutdownAfterJobFinishes: true KubeRay deletes the RayJob's cluster as soon as the job\n"
    "ends. A classic sidecar gets SIGTERM together with Ray and may be gone before it has shipped\n"
    "the job's last lines. A native sidecar (an init container with restartPolicy: Always) starts\n"
    "before Ray and is stopped only after the Ray container has exited. raylog-gen's inject and\n"
    "render make RayJob sidecars native unless the spec sets agent.sidecarMode: classic.\n\n"
    "Bad:\n  kind: RayJob\n  spec:\n    shutdownAfterJobFinishes: true\n    rayClusterSpec: ...\n"
    "        containers:\n          - name: ray-head\n          - name: fluent-bit\n\n"
    "Good:\n        containers:\n          - name: ray-head\n        initContainers:\n"
    "          - name: fluent-bit\n            restartPolicy: Always\n"};

bool isTrue(const YAML::Node& n) { return n && n.IsScalar() && n.Scalar() == "true"; }

class RayJobClassicSidecar : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkPod(const PodView& p, Reporter& r) const override {
    if (scalarAt(p.object, "kind") != "RayJob" || !isTrue(childAt(p.object, {"spec", "shutdownAfterJobFinishes"}))) return;
    const YAML::Node containers = childAt(p.ref.tmpl.node(), {"spec", "containers"});
    if (!containers || !containers.IsSequence()) return;
    for (const Agent& a : p.agents)
      for (const YAML::Node& c : containers)
        if (c.is(a.container))
          r.at(kInfo, a.container,
               "log agent '" + nameOf(a.container) + "' is a classic sidecar, and this RayJob deletes its cluster when "
               "the job ends (shutdownAfterJobFinishes: true): the job's last lines may not be shipped");
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL116() { return std::make_unique<RayJobClassicSidecar>(); }
}  // namespace raylog::lint
