#pragma once
// The volumes KubeRay's operator adds to Ray pods itself, so a container may mount them although
// the pod template does not define them. Conditions from ray-operator v1.7.0
// (controllers/ray/common/pod.go, controllers/ray/utils/util.go and constant.go).
#include <yaml-cpp/yaml.h>

#include <string>

#include "k8s/ray_object.h"

namespace raylog {

struct OperatorVolume {
  const char* name;
  const char* mountPath;  // where the operator mounts it on the Ray container
  const char* when;       // the condition, for messages: "authOptions.mode: token and ..."
};

// The operator volume named `name`; nullptr when the operator never adds one by that name.
const OperatorVolume* findOperatorVolume(const std::string& name);

// Whether the operator adds volume `name` to this pod template of Ray object `object`.
bool operatorAddsVolume(const YAML::Node& object, const RayPodTemplateRef& ref, const std::string& name);

}  // namespace raylog
