// RL131: lint --operator-values: the operator appends a log agent that reads Ray's logs from a
// volume at /tmp/ray, and the Ray container does not write /tmp/ray to that volume.
#include "k8s/operator_volumes.h"
#include "lint/rule.h"
#include "pieces/logging_names.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL131", "operator-sidecar-log-volume-not-shared", Severity::Error,
    "The Ray container does not mount, at /tmp/ray, the volume the operator's log agent sidecar reads",
    "Mount that volume at /tmp/ray in the Ray container (raylog-gen inject --operator adds the mount)",
    "The log agent KubeRay's operator appends to every Ray pod (lint --operator-values) reads Ray's\n"
    "files from a volume it mounts at /tmp/ray. The operator adds no mount to the Ray container, so\n"
    "unless each cluster's Ray container writes /tmp/ray to that same volume, the agent reads an\n"
    "empty folder and ships nothing.\n\n"
    "Bad (values: headSidecarContainers: [{name: fluent-bit, volumeMounts: [{name: ray-logs, mountPath: /tmp/ray}]}]):\n"
    "  containers: [{name: ray-head, image: rayproject/ray:2.52.0}]\n  volumes: [{name: ray-logs, emptyDir: {}}]\n\n"
    "Good:\n  containers: [{name: ray-head, volumeMounts: [{name: ray-logs, mountPath: /tmp/ray}]}]\n"
    "  volumes: [{name: ray-logs, emptyDir: {}}]\n"};

class OperatorSidecarLogMount : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkPod(const PodView& p, Reporter& r) const override {
    if (!p.operatorSidecars || !p.ray) return;
    for (const YAML::Node& sidecar : p.operatorSidecars->forType(p.ref.type)) {
      if (!sidecar.IsMap() || !recogniseAgent(sidecar)) continue;
      const YAML::Node logs = findMountAt(sidecar, kRayLogMountPath);
      if (!logs) continue;
      const std::string volume = nameOf(logs);
      const YAML::Node ray = rayLogMount(p.ray);
      const std::string what = "the operator's log agent '" + nameOf(sidecar) + "' (" + p.operatorSidecars->file +
                               ") reads Ray's logs from volume '" + volume + "' at " + kRayLogMountPath;
      if (!ray) {
        // KubeRay mounts its own ray-logs emptyDir there on an autoscaling head (pod.go addEmptyDir, v1.7.0).
        if (operatorAddsVolume(p.object, p.ref, volume) && volume == kRayLogVolume) continue;
        r.at(kInfo, p.ray, what + ", but Ray container '" + nameOf(p.ray) + "' mounts nothing there: the agent ships nothing");
      } else if (nameOf(ray) != volume) {
        r.at(kInfo, ray, what + ", but Ray container '" + nameOf(p.ray) + "' writes " + kRayLogMountPath +
                             " to volume '" + nameOf(ray) + "': the agent ships nothing");
      }
    }
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL131() { return std::make_unique<OperatorSidecarLogMount>(); }
}  // namespace raylog::lint
