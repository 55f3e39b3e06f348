#pragma once
// What every log agent's sidecar container has in common: its environment (where it runs, and
// the outputs' Secrets), its resources, mounts, and the fixed settings of templates/agent-sidecar.yaml.
#include <yaml-cpp/yaml.h>

#include <string>

#include "k8s/ray_object.h"
#include "spec/spec.h"

namespace raylog {

struct SecretFile;

YAML::Node volumeMount(const std::string& volume, const std::string& path);

// RAYLOG_CLUSTER, _NAMESPACE, _POD (downward API), _NODE_TYPE and _GROUP (from the template),
// then the outputs' Secret variables. An empty `group` reads the group from the pod's
// ray.io/group label (one sidecar for every worker group: the operator's configuration).
YAML::Node agentEnv(const Spec& spec, RayNodeType type, const std::string& group);

YAML::Node agentResources(const AgentSpec& a);

// A sidecar container: name, image, restartPolicy Always when sidecars are native.
YAML::Node agentSidecarBase(const Spec& spec, const std::string& name, const std::string& image);

// Appends the fixed settings (securityContext) every agent sidecar has.
void addFixedSidecarSettings(YAML::Node container);

// A pod volume from ConfigMap `configMap`.
YAML::Node configMapVolume(const std::string& volume, const std::string& configMap);

// The volume and read-only mount of a Secret an output reads as a file (outputSecretFiles).
YAML::Node secretFileVolume(const SecretFile& f);
YAML::Node secretFileMount(const SecretFile& f);

}  // namespace raylog
