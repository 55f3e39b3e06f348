#include "k8s/ray_object.h"

namespace raylog {

bool isRayKind(const std::string& kind) { return kind == "RayCluster" || kind == "RayJob" || kind == "RayService"; }

static std::string kindOf(const YAML::Node& object) {
  return object.IsMap() && object["kind"] && object["kind"].IsScalar() ? object["kind"].Scalar() : "";
}

static const char* clusterSpecField(const std::string& kind) {
  if (kind == "RayJob") return "rayClusterSpec";
  if (kind == "RayService") return "rayClusterConfig";
  return nullptr;
}

YAML::Node rayClusterSpecOf(const YAML::Node& object) {
  const std::string kind = kindOf(object);
  if (!isRayKind(kind)) return YAML::Node(YAML::NodeType::Undefined);  // "none": tests false
  YAML::Node spec = object["spec"];
  if (!spec || !spec.IsMap()) return YAML::Node(YAML::NodeType::Undefined);  // "none": tests false
  if (const char* field = clusterSpecField(kind)) {
    YAML::Node inner = spec[field];
    return inner && inner.IsMap() ? inner : YAML::Node();
  }
  return spec;
}

std::vector<RayPodTemplateRef> rayPodTemplates(const YAML::Node& object) {
  std::vector<RayPodTemplateRef> out;
  YAML::Node cs = rayClusterSpecOf(object);
  if (!cs) return out;
  const char* field = clusterSpecField(kindOf(object));
  const std::string base = field ? std::string("spec.") + field : "spec";

  YAML::Node head = cs["headGroupSpec"];
  if (head && head.IsMap() && head["template"] && head["template"].IsMap())
    out.push_back({PodTemplate(head["template"]), RayNodeType::Head, "head", base + ".headGroupSpec.template", head});

  YAML::Node workers = cs["workerGroupSpecs"];
  if (workers && workers.IsSequence()) {
    for (size_t i = 0; i < workers.size(); ++i) {
      YAML::Node g = workers[i];
      if (!g.IsMap() || !g["template"] || !g["template"].IsMap()) continue;
      std::string name = g["groupName"] && g["groupName"].IsScalar() ? g["groupName"].Scalar() : "";
      out.push_back({PodTemplate(g["template"]), RayNodeType::Worker, name,
                     base + ".workerGroupSpecs[" + std::to_string(i) + "].template", g});
    }
  }
  return out;
}

}  // namespace raylog
