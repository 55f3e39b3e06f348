// RL130: lint --operator-values: the operator appends a sidecar that mounts a volume this pod
// template does not define. KubeRay appends containers only, not volumes
// (raycluster_controller.go buildHeadPod/buildWorkerPod, v1.7.0), so the API server rejects
// every pod of the group.
#include "k8s/operator_volumes.h"
#include "lint/rule.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL130", "operator-sidecar-volume-missing", Severity::Error,
    "A sidecar the KubeRay operator appends (lint --operator-values) mounts a volume the pod template does not define",
    "Add the volume to the pod template (raylog-gen inject --operator adds what the sidecars need)",
    "With configuration.headSidecarContainers / workerSidecarContainers, KubeRay's operator appends\n"
    "the same sidecars to every Ray pod it creates. It appends containers only: a volume a sidecar\n"
    "mounts must be in each RayCluster's pod templates, or Kubernetes refuses the pod\n"
    "(spec.containers[].volumeMounts[].name: Not found) and the group never starts.\n"
    "Checked only with lint --operator-values VALUES (or operatorValues: in .raylog-gen.yaml).\n\n"
    "Bad (values: workerSidecarContainers: [{name: fluent-bit, volumeMounts: [{name: ray-logs, ...}]}]):\n"
    "  workerGroupSpecs:\n    - template: {spec: {containers: [{name: ray-worker}]}}\n\n"
    "Good:\n  workerGroupSpecs:\n    - template:\n        spec:\n"
    "          containers: [{name: ray-worker, volumeMounts: [{name: ray-logs, mountPath: /tmp/ray}]}]\n"
    "          volumes: [{name: ray-logs, emptyDir: {}}]\n"};

class OperatorSidecarVolumeMissing : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkPod(const PodView& p, Reporter& r) const override {
    if (!p.operatorSidecars) return;
    const char* list = p.ref.type == RayNodeType::Head ? "headSidecarContainers" : "workerSidecarContainers";
    for (const YAML::Node& sidecar : p.operatorSidecars->forType(p.ref.type)) {
      const YAML::Node mounts = sidecar["volumeMounts"];
      if (!mounts || !mounts.IsSequence()) continue;
      for (const YAML::Node& m : mounts) {
        const std::string volume = nameOf(m);
        if (p.ref.tmpl.findVolume(volume) || operatorAddsVolume(p.object, p.ref, volume)) continue;
        const YAML::Node volumes = childAt(p.ref.tmpl.node(), {"spec", "volumes"});
        r.at(kInfo, volumes ? volumes : p.ref.tmpl.node(),
             "the operator appends sidecar '" + nameOf(sidecar) + "' (" + list + " in " + p.operatorSidecars->file +
                 "), which mounts volume '" + volume + "', to " +
                 (p.ref.type == RayNodeType::Head ? std::string("the head") : "worker group '" + p.ref.groupName + "'") +
                 ", but its pod template defines no such volume: Kubernetes refuses the pod");
      }
    }
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL130() { return std::make_unique<OperatorSidecarVolumeMissing>(); }
}  // namespace raylog::lint
