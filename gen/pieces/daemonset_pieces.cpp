#include "pieces/daemonset_pieces.h"

#include "pieces/env_vars.h"
#include "pieces/logging_names.h"
#include "yaml/yaml_build.h"

namespace raylog {

// Namespaces, cluster, pod and owner names are DNS names, the node type is head|worker and the
// owner kind RayJob|RayService|RayCluster, so none holds '_': the folder name splits back
// unambiguously with the group, which may, last.
const char* const kPodLogSubPath =
    "$(POD_NAMESPACE)_$(RAYLOG_CLUSTER)_$(RAYLOG_NODE_TYPE)_$(POD_NAME)_$(RAYLOG_OWNER_KIND)_$(RAYLOG_OWNER_NAME)_"
    "$(RAYLOG_GROUP)";

// The Ray pod's identity, as the sidecar agent's environment has it: KubeRay labels every Ray
// pod with ray.io/cluster (ray-operator/controllers/ray/common/pod.go); type and group are known
// from the template.
// The owner as the sidecar has it (pieces/agent_container.cpp: KubeRay puts no owner label on
// the pods), so the node agent reads it from the folder too.
static YAML::Node podIdentityEnv(const Spec& spec, RayNodeType type, const std::string& group) {
  YAML::Node env = y::seq();
  env.push_back(envField("POD_NAME", "metadata.name"));
  env.push_back(envField("POD_NAMESPACE", "metadata.namespace"));
  env.push_back(envField("RAYLOG_CLUSTER", "metadata.labels['ray.io/cluster']"));
  env.push_back(envValue("RAYLOG_NODE_TYPE", type == RayNodeType::Head ? "head" : "worker"));
  env.push_back(envValue("RAYLOG_OWNER_KIND", spec.objectKind));
  env.push_back(envValue("RAYLOG_OWNER_NAME", spec.objectName));
  env.push_back(envValue("RAYLOG_GROUP", group));
  return env;
}

static YAML::Node podLogMount() {
  YAML::Node m = y::map();
  y::set(m, "name", kRayLogVolume);
  y::set(m, "mountPath", kRayLogMountPath);
  y::set(m, "subPathExpr", kPodLogSubPath);
  return m;
}

LoggingPieces daemonSetPieces(const Spec& spec, RayNodeType type, const std::string& group) {
  LoggingPieces p;
  p.agentName = spec.agent.type + "-daemonset";
  p.logVolume = y::map();
  y::set(p.logVolume, "name", kRayLogVolume);
  YAML::Node host = y::map();
  y::set(host, "path", spec.daemonset.hostPath);
  y::set(host, "type", "DirectoryOrCreate");
  p.logVolume["hostPath"] = host;
  p.rayLogMount = podLogMount();
  for (const YAML::Node& e : podIdentityEnv(spec, type, group)) p.rayEnv.push_back(e);

  // kubelet creates the sub-folder as root; Ray runs as an unprivileged user.
  YAML::Node init = y::map();
  y::set(init, "name", "ray-log-dir");
  y::set(init, "image", spec.rayImage);
  YAML::Node cmd = y::seq();
  for (const char* arg : {"/bin/sh", "-c", "chmod 1777 /tmp/ray"}) cmd.push_back(y::str(arg));
  init["command"] = cmd;
  init["env"] = podIdentityEnv(spec, type, group);
  YAML::Node sc = y::map();
  sc["runAsUser"] = y::integer(0);
  init["securityContext"] = sc;
  YAML::Node mounts = y::seq();
  mounts.push_back(podLogMount());
  init["volumeMounts"] = mounts;
  p.initContainers.push_back(init);
  return p;
}

}  // namespace raylog
