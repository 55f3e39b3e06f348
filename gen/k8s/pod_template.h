#pragma once
// The one model of "a Ray pod template" that render, inject and lint share: a view over a
// PodTemplateSpec node (yaml-cpp nodes are references, so edits land in the document).
#include <yaml-cpp/yaml.h>

#include <string>
#include <utility>

namespace raylog {

enum class RayNodeType { Head, Worker };

class PodTemplate {
 public:
  explicit PodTemplate(YAML::Node templateSpec) : node_(templateSpec) {}

  YAML::Node node() const { return node_; }
  YAML::Node podSpec();                       // created when missing
  YAML::Node containers();                    // created when missing
  YAML::Node initContainers();                // created when missing
  YAML::Node volumes();                       // created when missing
  YAML::Node annotations();                   // metadata.annotations, created when missing
  YAML::Node labels();                        // metadata.labels, created when missing

  // The Ray container: by KubeRay's convention the first entry of containers; null when none.
  YAML::Node rayContainer() const;
  // A container or init container by name; null when none.
  YAML::Node findContainer(const std::string& name) const;
  YAML::Node findVolume(const std::string& name) const;
  // The first entry that must be a mapping and is not (in containers, initContainers, volumes,
  // or a container's env and volumeMounts), with what holds it; a null node when every one is.
  // Checked before any edit, so a first run refuses what a second would (found by fuzzing inject).
  std::pair<YAML::Node, std::string> firstEntryNotMapping() const;

 private:
  YAML::Node child(YAML::Node parent, const char* key, YAML::NodeType::value type);
  YAML::Node node_;
};

// n[a] (or n[a][b]) as a string, "" when missing or not a scalar. Never reassigns a node
// handle (assignment would write through to the document).
std::string scalarAt(const YAML::Node& n, const char* a, const char* b = nullptr);

// The entry of a list of named objects (containers, volumes, env) with this name; null when none.
YAML::Node findByName(const YAML::Node& list, const std::string& name);

// The entry of a container's volumeMounts at `mountPath`; null when none.
YAML::Node findMountAt(const YAML::Node& container, const std::string& mountPath);

}  // namespace raylog
