#include "agents/fluent_bit/fluent_bit_daemonset_objects.h"

#include "agents/fluent_bit/fluent_bit_daemonset_config.h"
#include "agents/fluent_bit/fluent_bit_names.h"
#include "agents/outputs/output_backend.h"
#include "pieces/agent_container.h"
#include "pieces/env_vars.h"
#include "pieces/logging_names.h"
#include "render/cloud_identity.h"
#include "render/plain_cluster.h"
#include "yaml/yaml_build.h"

namespace raylog {

namespace {

YAML::Node hostPathVolume(const std::string& name, const std::string& path, const char* type) {
  YAML::Node host = y::map();
  y::set(host, "path", path);
  y::set(host, "type", type);
  YAML::Node v = y::map();
  y::set(v, "name", name);
  v["hostPath"] = host;
  return v;
}

YAML::Node volumeMount(const std::string& name, const std::string& path, bool readOnly) {
  YAML::Node m = y::map();
  y::set(m, "name", name);
  y::set(m, "mountPath", path);
  if (readOnly) m["readOnly"] = y::boolean(true);
  return m;
}

YAML::Node httpProbe(const char* path, int initialDelay) {
  YAML::Node get = y::map();
  y::set(get, "path", path);
  y::set(get, "port", "http");
  YAML::Node p = y::map();
  p["httpGet"] = get;
  p["initialDelaySeconds"] = y::integer(initialDelay);
  p["periodSeconds"] = y::integer(10);
  return p;
}

YAML::Node agentContainer(const Spec& spec) {
  const DaemonSetSpec& d = spec.daemonset;
  YAML::Node c = y::map();
  y::set(c, "name", kFluentBitContainer);
  y::set(c, "image", spec.agent.image);
  YAML::Node port = y::map();
  y::set(port, "name", "http");
  port["containerPort"] = y::integer(kAgentHttpPort);
  YAML::Node ports = y::seq();
  ports.push_back(port);
  c["ports"] = ports;
  YAML::Node env = y::seq();
  env.push_back(envField("NODE_NAME", "spec.nodeName"));
  // No RAYLOG_* origin variables here: they would describe the agent. Each record's origin is
  // the Ray pod's, read from its folder (agents/fluent_bit_daemonset_config.cpp).
  for (const SecretEnv& s : outputSecrets(spec.outputs)) env.push_back(envSecret(s.var, {s.secretName, s.secretKey}));
  c["env"] = env;
  YAML::Node res = y::map();
  res["requests"] = y::stringMap({{"cpu", d.requestCpu}, {"memory", d.requestMemory}});
  res["limits"] = y::stringMap({{"cpu", d.limitCpu}, {"memory", d.limitMemory}});
  c["resources"] = res;
  c["livenessProbe"] = httpProbe("/", 10);
  c["readinessProbe"] = httpProbe("/api/v1/health", 5);
  YAML::Node mounts = y::seq();
  mounts.push_back(volumeMount(kRayLogVolume, d.hostPath, true));
  mounts.push_back(volumeMount("agent-state", kAgentStatePath, false));
  mounts.push_back(volumeMount(kFluentBitConfigVolume, kFluentBitConfigDir, true));
  for (const SecretFile& f : outputSecretFiles(spec.outputs)) mounts.push_back(secretFileMount(f));
  c["volumeMounts"] = mounts;
  YAML::Node args = y::seq();
  args.push_back(y::str("-c"));
  args.push_back(y::str(fluentBitConfigFile(spec.agent.configFormat)));
  c["args"] = args;
  return c;
}

}  // namespace

std::string fluentBitDaemonSetName(const Spec& spec) {
  return spec.daemonset.containerInsights ? "fluent-bit" : fluentBitConfigMapName(spec.name);
}

// The Container Insights recipe's ConfigMap, which its dashboards and docs refer to.
static YAML::Node clusterInfo(const Spec& spec) {
  YAML::Node cm = kubeObject("v1", "ConfigMap", objectMetadataIn(spec, "fluent-bit-cluster-info", spec.daemonset.ns));
  YAML::Node data = y::map();
  y::set(data, "cluster.name", spec.eks.clusterName);
  y::set(data, "http.server", "On");
  y::set(data, "http.port", std::to_string(kAgentHttpPort));
  y::set(data, "read.head", "Off");
  y::set(data, "read.tail", "On");
  y::set(data, "logs.region", spec.eks.region);
  cm["data"] = data;
  return cm;
}

std::vector<YAML::Node> fluentBitDaemonSetObjects(const Spec& spec) {
  const DaemonSetSpec& d = spec.daemonset;
  const std::string name = fluentBitDaemonSetName(spec);

  YAML::Node ns = kubeObject("v1", "Namespace", objectMetadataIn(spec, d.ns, ""));
  YAML::Node saMeta = objectMetadataIn(spec, name, d.ns);
  const StringMap saAnnotations = agentServiceAccountAnnotations(spec);  // GKE Workload Identity
  if (!saAnnotations.empty()) {
    if (!saMeta["annotations"]) saMeta["annotations"] = y::map();
    for (const auto& [k, v] : saAnnotations) y::set(saMeta["annotations"], k, v);
  }
  YAML::Node sa = kubeObject("v1", "ServiceAccount", saMeta);

  YAML::Node cm = kubeObject("v1", "ConfigMap", objectMetadataIn(spec, name, d.ns));
  YAML::Node data = y::map();
  for (const auto& [key, text] :
       fluentBitConfigFiles(spec.agent.configFormat, fluentBitDaemonSetConfig(spec), fluentBitDaemonSetParsers(spec)))
    y::set(data, key, text);
  cm["data"] = data;

  YAML::Node selector = y::stringMap({{"app.kubernetes.io/name", "fluent-bit"}, {"app.kubernetes.io/instance", spec.name}});
  YAML::Node podLabels = YAML::Clone(objectMetadataIn(spec, name, "")["labels"]);
  y::set(podLabels, "app.kubernetes.io/name", "fluent-bit");
  YAML::Node podMeta = y::map();
  podMeta["labels"] = podLabels;

  YAML::Node podSpec = y::map();
  y::set(podSpec, "serviceAccountName", name);
  y::set(podSpec, "priorityClassName", d.priorityClassName);
  podSpec["tolerations"] = tolerationsNode(d.tolerations);
  podSpec["terminationGracePeriodSeconds"] = y::integer(std::max<int64_t>(30, spec.agent.graceSeconds + 10));
  YAML::Node containers = y::seq();
  containers.push_back(agentContainer(spec));
  podSpec["containers"] = containers;
  YAML::Node volumes = y::seq();
  volumes.push_back(hostPathVolume(kRayLogVolume, d.hostPath, "DirectoryOrCreate"));
  volumes.push_back(hostPathVolume("agent-state", d.stateHostPath, "DirectoryOrCreate"));
  YAML::Node cfg = y::map();
  y::set(cfg, "name", kFluentBitConfigVolume);
  YAML::Node cmRef = y::map();
  y::set(cmRef, "name", name);
  cfg["configMap"] = cmRef;
  volumes.push_back(cfg);
  for (const SecretFile& f : outputSecretFiles(spec.outputs)) volumes.push_back(secretFileVolume(f));
  podSpec["volumes"] = volumes;

  YAML::Node tmpl = y::map();
  tmpl["metadata"] = podMeta;
  tmpl["spec"] = podSpec;
  YAML::Node rolling = y::map();
  rolling["maxUnavailable"] = y::integer(d.maxUnavailable);
  YAML::Node strategy = y::map();
  y::set(strategy, "type", "RollingUpdate");
  strategy["rollingUpdate"] = rolling;
  YAML::Node dsSpec = y::map();
  YAML::Node sel = y::map();
  sel["matchLabels"] = selector;
  dsSpec["selector"] = sel;
  dsSpec["updateStrategy"] = strategy;
  dsSpec["template"] = tmpl;
  YAML::Node ds = kubeObject("apps/v1", "DaemonSet", objectMetadataIn(spec, name, d.ns));
  ds["spec"] = dsSpec;
  if (d.containerInsights) return {ns, sa, clusterInfo(spec), cm, ds};
  return {ns, sa, cm, ds};
}

}  // namespace raylog
