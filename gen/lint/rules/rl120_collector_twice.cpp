// RL120: a collector sidecar in a Ray object whose historyServerOptions make KubeRay add its own.
#include "k8s/ray_object.h"
#include "lint/rule.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL120", "collector-twice", Severity::Error,
    "A pod template runs a History Server collector while historyServerOptions makes KubeRay add another",
    "Keep one: remove the sidecar, or remove spec.historyServerOptions",
    "KubeRay v1.7 adds a collector container (ray-history-collector) to every Ray pod when\n"
    "RayClusterSpec.historyServerOptions.collectorOptions is set and its feature gate\n"
    "RayClusterHistoryServer is on (ray-operator/controllers/ray/common/pod.go BuildCollectorContainer).\n"
    "A collector of your own beside it listens on the same events port (8084) and uploads the same\n"
    "files: one of them exits, and the other uploads everything twice.\n\n"
    "Bad:\n  historyServerOptions: {collectorOptions: {image: quay.io/kuberay/collector:v1.7.0}}\n"
    "  ... containers: [{name: ray-head}, {name: collector, image: quay.io/kuberay/collector:v1.7.0}]\n\n"
    "Good: either historyServerOptions, or the collector sidecar.\n"};

class CollectorTwice : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkRayObject(const RayObjectView& o, Reporter& r) const override {
    const YAML::Node options = childAt(rayClusterSpecOf(o.object), {"historyServerOptions", "collectorOptions"});
    if (!options) return;
    for (const PodView& p : o.pods)
      for (const Agent& a : p.agents)
        if (a.kind == AgentKind::Collector)
          r.at(kInfo, a.container, "collector '" + nameOf(a.container) + "' runs beside the one KubeRay adds from "
                                   "historyServerOptions (both on events port 8084); remove one");
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL120() { return std::make_unique<CollectorTwice>(); }
}  // namespace raylog::lint
