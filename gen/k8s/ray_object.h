#pragma once
// Finding the pod templates inside KubeRay objects: RayCluster.spec, RayJob.spec.rayClusterSpec
// and RayService.spec.rayClusterConfig all embed the same RayClusterSpec.
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "k8s/pod_template.h"

namespace raylog {

struct RayPodTemplateRef {
  PodTemplate tmpl;
  RayNodeType type;
  std::string groupName;  // "head" for the head group
  std::string path;       // where it sits, e.g. "spec.workerGroupSpecs[1].template"
  YAML::Node group;       // its headGroupSpec or workerGroupSpecs entry (rayStartParams live there)
};

bool isRayKind(const std::string& kind);  // RayCluster, RayJob, RayService

// The embedded RayClusterSpec of a Ray object (null when absent or not a Ray kind).
YAML::Node rayClusterSpecOf(const YAML::Node& object);

// Head template first, then each worker group in order.
std::vector<RayPodTemplateRef> rayPodTemplates(const YAML::Node& object);

}  // namespace raylog
