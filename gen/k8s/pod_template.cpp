#include "k8s/pod_template.h"

namespace raylog {

YAML::Node PodTemplate::child(YAML::Node parent, const char* key, YAML::NodeType::value type) {
  if (!parent[key] || parent[key].IsNull()) parent[key] = YAML::Node(type);
  return parent[key];
}

YAML::Node PodTemplate::podSpec() { return child(node_, "spec", YAML::NodeType::Map); }
YAML::Node PodTemplate::containers() { return child(podSpec(), "containers", YAML::NodeType::Sequence); }
YAML::Node PodTemplate::initContainers() { return child(podSpec(), "initContainers", YAML::NodeType::Sequence); }
YAML::Node PodTemplate::volumes() { return child(podSpec(), "volumes", YAML::NodeType::Sequence); }
YAML::Node PodTemplate::annotations() {
  if (!node_["metadata"]) {
    // metadata belongs before spec, as people write it: rebuild the map with it first.
    YAML::Node rebuilt(YAML::NodeType::Map);
    rebuilt["metadata"] = YAML::Node(YAML::NodeType::Map);
    for (auto it = node_.begin(); it != node_.end(); ++it) rebuilt[it->first] = it->second;
    node_ = rebuilt;  // assignment writes through to the document's node
  }
  return child(child(node_, "metadata", YAML::NodeType::Map), "annotations", YAML::NodeType::Map);
}

YAML::Node PodTemplate::labels() {
  if (!node_["metadata"]) {
    // metadata belongs before spec, as people write it: rebuild the map with it first.
    YAML::Node rebuilt(YAML::NodeType::Map);
    rebuilt["metadata"] = YAML::Node(YAML::NodeType::Map);
    for (auto it = node_.begin(); it != node_.end(); ++it) rebuilt[it->first] = it->second;
    node_ = rebuilt;  // assignment writes through to the document's node
  }
  return child(child(node_, "metadata", YAML::NodeType::Map), "labels", YAML::NodeType::Map);
}

YAML::Node PodTemplate::rayContainer() const {
  const YAML::Node spec = node_["spec"];
  if (!spec || !spec.IsMap()) return YAML::Node(YAML::NodeType::Undefined);  // "none": tests false
  const YAML::Node cs = spec["containers"];
  if (!cs || !cs.IsSequence() || cs.size() == 0) return YAML::Node(YAML::NodeType::Undefined);  // "none": tests false
  return cs[0];
}

YAML::Node PodTemplate::findContainer(const std::string& name) const {
  const YAML::Node spec = node_["spec"];
  if (!spec || !spec.IsMap()) return YAML::Node(YAML::NodeType::Undefined);  // "none": tests false
  if (YAML::Node c = findByName(spec["containers"], name)) return c;
  return findByName(spec["initContainers"], name);
}

YAML::Node PodTemplate::findVolume(const std::string& name) const {
  const YAML::Node spec = node_["spec"];
  if (!spec || !spec.IsMap()) return YAML::Node(YAML::NodeType::Undefined);  // "none": tests false
  return findByName(spec["volumes"], name);
}

std::pair<YAML::Node, std::string> PodTemplate::firstEntryNotMapping() const {
  const YAML::Node spec = node_["spec"];
  if (!spec || !spec.IsMap()) return {YAML::Node(YAML::NodeType::Undefined), ""};
  for (const char* listKey : {"containers", "initContainers", "volumes"}) {
    const YAML::Node list = spec[listKey];
    if (!list || !list.IsSequence()) continue;
    for (const YAML::Node& entry : list) {
      if (!entry.IsMap()) return {entry, listKey};
      if (std::string(listKey) == "volumes") continue;
      for (const char* inner : {"env", "volumeMounts"}) {
        const YAML::Node items = entry[inner];
        if (!items || !items.IsSequence()) continue;
        for (const YAML::Node& item : items)
          if (!item.IsMap()) return {item, std::string(listKey) + "[]." + inner};
      }
    }
  }
  return {YAML::Node(YAML::NodeType::Undefined), ""};
}

std::string scalarAt(const YAML::Node& n, const char* a, const char* b) {
  if (!n || !n.IsMap()) return "";
  const YAML::Node first = n[a];
  if (!b) return first && first.IsScalar() ? first.Scalar() : "";
  if (!first || !first.IsMap()) return "";
  const YAML::Node second = first[b];
  return second && second.IsScalar() ? second.Scalar() : "";
}

YAML::Node findByName(const YAML::Node& list, const std::string& name) {
  if (!list || !list.IsSequence()) return YAML::Node(YAML::NodeType::Undefined);  // "none": tests false
  for (YAML::Node item : list)
    if (item.IsMap() && item["name"] && item["name"].IsScalar() && item["name"].Scalar() == name) return item;
  return YAML::Node(YAML::NodeType::Undefined);  // "none": tests false
}

YAML::Node findMountAt(const YAML::Node& container, const std::string& mountPath) {
  if (!container || !container.IsMap()) return YAML::Node(YAML::NodeType::Undefined);  // "none": tests false
  const YAML::Node mounts = container["volumeMounts"];
  if (!mounts || !mounts.IsSequence()) return YAML::Node(YAML::NodeType::Undefined);  // "none": tests false
  for (YAML::Node m : mounts)
    if (m.IsMap() && m["mountPath"] && m["mountPath"].IsScalar() && m["mountPath"].Scalar() == mountPath) return m;
  return YAML::Node(YAML::NodeType::Undefined);  // "none": tests false
}

}  // namespace raylog
