// RL114: ray.io/v1alpha1.
#include "k8s/ray_object.h"
#include "lint/rule.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL114", "ray-api-v1alpha1", Severity::Warning,
    "A KubeRay object uses the old ray.io/v1alpha1 API",
    "Use apiVersion: ray.io/v1",
    "KubeRay's stored version is v1; v1alpha1 is still served for old manifests but lacks fields\n"
    "and will go away.\n\nBad:\n  apiVersion: ray.io/v1alpha1\n\nGood:\n  apiVersion: ray.io/v1\n"};

class RayV1alpha1 : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkObject(const YAML::Node& o, Reporter& r) const override {
    const YAML::Node api = o["apiVersion"], kind = o["kind"];
    if (api && api.IsScalar() && api.Scalar() == "ray.io/v1alpha1" && kind && kind.IsScalar() && isRayKind(kind.Scalar()))
      r.at(kInfo, api, kind.Scalar() + " uses ray.io/v1alpha1; use ray.io/v1");
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL114() { return std::make_unique<RayV1alpha1>(); }
}  // namespace raylog::lint
