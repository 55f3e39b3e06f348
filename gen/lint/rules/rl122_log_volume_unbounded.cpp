// RL122: Ray's rotation is off and the log emptyDir has no sizeLimit: the logs grow until the node's disk fills.
#include "lint/rule.h"
#include "ray/ray_logging_settings.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL122", "log-volume-unbounded", Severity::Warning,
    "Ray's log rotation is off and the Ray pod's log emptyDir has no sizeLimit",
    "Keep Ray's rotation on (remove RAY_ROTATION_MAX_BYTES=0 / RAY_ROTATION_BACKUP_COUNT=0), or give the emptyDir a "
    "sizeLimit (raylog-gen: spec.ray.logging.rotation or disk.sizeLimit)",
    "RAY_ROTATION_MAX_BYTES=0 (or RAY_ROTATION_BACKUP_COUNT=0, with which Python's RotatingFileHandler\n"
    "never rolls over) turns Ray's log rotation off (src/ray/util/logging.cc writes a plain file\n"
    "sink at 0 bytes). Every log file then grows for the life of the pod. An emptyDir without\n"
    "sizeLimit is bounded only by the node's disk: the node comes under DiskPressure and the\n"
    "kubelet evicts pods, others' too. With a sizeLimit the kubelet evicts only this pod when its\n"
    "logs outgrow it (kubernetes.io, Local ephemeral storage).\n\n"
    "Bad:\n  env: [{name: RAY_ROTATION_MAX_BYTES, value: \"0\"}]\n  volumes: [{name: ray-logs, emptyDir: {}}]\n\n"
    "Good:\n  volumes: [{name: ray-logs, emptyDir: {sizeLimit: 20Gi}}]\n"};

class LogVolumeUnbounded : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkPod(const PodView& p, Reporter& r) const override {
    if (!p.ray) return;
    const bool off = envLiteral(p.ray, kRayRotationBytesEnv) == "0" || envLiteral(p.ray, kRayRotationCountEnv) == "0";
    if (!off) return;
    const YAML::Node mount = rayLogMount(p.ray);
    if (!mount || !mount["name"]) return;
    const YAML::Node tmpl = p.ref.tmpl.node();
    const YAML::Node spec = tmpl["spec"];
    if (!spec || !spec.IsMap()) return;
    const YAML::Node volume = findByName(spec["volumes"], mount["name"].Scalar());
    if (!volume || !volume["emptyDir"]) return;  // a hostPath or PVC is someone else's bound
    const YAML::Node emptyDir = volume["emptyDir"];
    if (emptyDir.IsMap() && emptyDir["sizeLimit"]) return;
    r.at(kInfo, volume, "log volume '" + mount["name"].Scalar() + "' of " + nameOf(p.ray) +
                            " has no sizeLimit while the Ray container turns rotation off (" +
                            (envLiteral(p.ray, kRayRotationBytesEnv) == "0" ? std::string(kRayRotationBytesEnv)
                                                                            : std::string(kRayRotationCountEnv)) +
                            "=0): its logs grow until the node's disk fills");
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL122() { return std::make_unique<LogVolumeUnbounded>(); }
}  // namespace raylog::lint
