#include "pieces/agent_container.h"

#include "agents/outputs/output_backend.h"
#include "pieces/env_vars.h"
#include "yaml/yaml_build.h"

namespace raylog {

YAML::Node volumeMount(const std::string& volume, const std::string& path) {
  YAML::Node m = y::map();
  y::set(m, "name", volume);
  y::set(m, "mountPath", path);
  return m;
}

YAML::Node agentEnv(const Spec& spec, RayNodeType type, const std::string& group) {
  YAML::Node env = y::seq();
  env.push_back(envField("RAYLOG_CLUSTER", "metadata.labels['ray.io/cluster']"));
  env.push_back(envField("RAYLOG_NAMESPACE", "metadata.namespace"));
  env.push_back(envField("RAYLOG_POD", "metadata.name"));
  env.push_back(envValue("RAYLOG_NODE_TYPE", type == RayNodeType::Head ? "head" : "worker"));
  // No group: the worker sidecars of KubeRay's operator configuration serve every worker group,
  // so the pod's ray.io/group label names it (RayNodeGroupLabelKey,
  // ray-operator/controllers/ray/utils/constant.go at v1.7.0; set on every Ray pod by pod.go labelPod).
  env.push_back(group.empty() ? envField("RAYLOG_GROUP", "metadata.labels['ray.io/group']")
                              : envValue("RAYLOG_GROUP", group));
  // The RayJob, RayService or RayCluster the pod belongs to. KubeRay v1.7.0 puts its owner labels
  // (ray.io/originated-from-crd, ray.io/originated-from-cr-name) on the RayCluster it creates
  // (rayjob_controller.go constructRayClusterForRayJob, rayservice_controller.go), not on the pods
  // (common/pod.go labelPod keeps only the template's labels and its own), so the downward API
  // would give "": the object raylog-gen renders or injects names itself. The operator's sidecar
  // (no object: it serves every cluster) can only name the pod's RayCluster, from its label.
  if (spec.objectKind.empty()) {
    env.push_back(envValue("RAYLOG_OWNER_KIND", "RayCluster"));
    env.push_back(envField("RAYLOG_OWNER_NAME", "metadata.labels['ray.io/cluster']"));
  } else {
    env.push_back(envValue("RAYLOG_OWNER_KIND", spec.objectKind));
    env.push_back(envValue("RAYLOG_OWNER_NAME", spec.objectName));
  }
  for (const SecretEnv& s : outputSecrets(spec.outputs)) env.push_back(envSecret(s.var, {s.secretName, s.secretKey}));
  return env;
}

YAML::Node agentResources(const AgentSpec& a) {
  YAML::Node res = y::map();
  res["requests"] = y::stringMap({{"cpu", a.requestCpu}, {"memory", a.requestMemory}});
  res["limits"] = y::stringMap({{"cpu", a.limitCpu}, {"memory", a.limitMemory}});
  return res;
}

YAML::Node agentSidecarBase(const Spec& spec, const std::string& name, const std::string& image) {
  YAML::Node c = y::map();
  y::set(c, "name", name);
  y::set(c, "image", image);
  if (spec.agent.sidecarMode == SidecarMode::Native) y::set(c, "restartPolicy", "Always");
  return c;
}

void addFixedSidecarSettings(YAML::Node container) {
  const YAML::Node fixed = y::loadTemplate("agent-sidecar.yaml");
  for (auto it = fixed.begin(); it != fixed.end(); ++it) container[it->first.Scalar()] = it->second;
}

YAML::Node configMapVolume(const std::string& volume, const std::string& configMap) {
  YAML::Node v = y::map();
  y::set(v, "name", volume);
  YAML::Node cm = y::map();
  y::set(cm, "name", configMap);
  v["configMap"] = cm;
  return v;
}

YAML::Node secretFileVolume(const SecretFile& f) {
  YAML::Node v = y::map();
  y::set(v, "name", f.volume);
  YAML::Node secret = y::map();
  y::set(secret, "secretName", f.secretName);
  YAML::Node item = y::map();
  y::set(item, "key", f.secretKey);
  y::set(item, "path", f.fileName);
  YAML::Node items = y::seq();
  items.push_back(item);
  secret["items"] = items;  // only the key the output reads
  v["secret"] = secret;
  return v;
}

YAML::Node secretFileMount(const SecretFile& f) {
  YAML::Node m = volumeMount(f.volume, f.mountDir);
  m["readOnly"] = y::boolean(true);
  return m;
}

}  // namespace raylog
