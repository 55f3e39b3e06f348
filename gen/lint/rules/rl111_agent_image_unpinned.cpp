// RL111: a log agent image that is untagged or on a moving tag (:latest, :edge, a release line).
#include "k8s/image_pin.h"
#include "lint/rule.h"
#include "util/placeholders.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL111", "agent-image-unpinned", Severity::Warning,
    "A log agent image is untagged or on a moving tag (:latest, :edge, :nightly, a release line such as :3 or :5.1)",
    "Pin the image to a release tag (fluent/fluent-bit:5.1.1) or a digest",
    "An unpinned agent changes under you on the next pull: config syntax and defaults differ\n"
    "between Fluent Bit majors, and pods of one cluster can end up running different versions.\n"
    "A release line's tag (:3, :5.1) moves with every release of the line, :edge and :nightly with\n"
    "every build.\n\n"
    "Bad:\n  image: fluent/fluent-bit:5.1\n\nGood:\n  image: fluent/fluent-bit:5.1.1\n"};

class AgentImageUnpinned : public AgentRule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkAgent(const Agent& a, Reporter& r) const override {
    const YAML::Node image = a.container["image"];
    if (!image || !image.IsScalar()) return;
    // KubeRay's collector samples write image: ${COLLECTOR_IMAGE} for envsubst to fill in.
    const std::string placeholder = firstEnvsubstPlaceholder(image.Scalar());
    if (!placeholder.empty())
      r.at(kInfo, image, "agent image '" + image.Scalar() + "' is an unresolved placeholder (" + placeholder +
                             "); substitute it (envsubst) before applying, with a pinned image");
    else if (const auto problem = imagePinProblem(image.Scalar()))
      r.at(kInfo, image, "agent image '" + image.Scalar() + "' is not pinned: it " + *problem);
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL111() { return std::make_unique<AgentImageUnpinned>(); }
}  // namespace raylog::lint
