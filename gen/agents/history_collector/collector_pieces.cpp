#include "agents/history_collector/collector_pieces.h"

#include <sstream>

#include "agents/history_collector/collector_names.h"
#include "agents/history_collector/collector_releases.h"
#include "agents/history_collector/collector_storage.h"
#include "pieces/agent_container.h"
#include "pieces/env_vars.h"
#include "pieces/logging_names.h"
#include "util/resources.h"
#include "yaml/yaml_build.h"

namespace raylog {

namespace {

// The Secret KubeRay creates for token auth holds the token under this key
// (ray-operator/controllers/ray/common/pod.go SetContainerTokenAuthEnvVars).
const char* kAuthTokenKey = "auth_token";

YAML::Node resources(const CollectorSpec& c) {
  YAML::Node res = y::map();
  res["requests"] = y::stringMap({{"cpu", c.requestCpu}, {"memory", c.requestMemory}});
  res["limits"] = y::stringMap({{"cpu", c.limitCpu}, {"memory", c.limitMemory}});
  return res;
}

// v1.7 configured by environment, as KubeRay v1.7.0's historyserver/config/raycluster.yaml:
// the cluster's name from the pod label KubeRay sets (right for RayJob's generated names too),
// and FQ_RAY_IP, the head Service the collector asks for its Ray node id.
void addV17Env(const Spec& spec, RayNodeType type, YAML::Node env) {
  const CollectorSpec& c = spec.collector;
  env.push_back(envField("RAY_CLUSTER_NAME", "metadata.labels['ray.io/cluster']"));
  env.push_back(envField("RAY_CLUSTER_NAMESPACE", "metadata.namespace"));
  env.push_back(envField("POD_IP", "status.podIP"));
  env.push_back(envValue("FQ_RAY_IP", "$(RAY_CLUSTER_NAME)-head-svc.$(RAY_CLUSTER_NAMESPACE).svc.cluster.local"));
  env.push_back(envValue("RAY_TMP_ROOT", kRayLogMountPath));
  env.push_back(envValue("RAY_ROLE", type == RayNodeType::Head ? "Head" : "Worker"));
  env.push_back(envValue("STORAGE_BACKEND", c.backend));
  if (!c.rootDir.empty()) env.push_back(envValue("STORAGE_ROOT_DIR", c.rootDir));
  env.push_back(envValue("EVENTS_PORT", std::to_string(c.eventsPort)));
  // Clusters a RayJob or RayService owns are stored under their owner (cmd/collector/main.go 325-337).
  // The pods carry no label naming the owner (the operator reads its RayCluster's labels,
  // ray-operator/controllers/ray/common/pod.go @v1.7.0 1135-1147), so the name is written here.
  if (spec.objectKind == "RayJob" || spec.objectKind == "RayService") {
    env.push_back(envValue("OWNER_KIND", spec.objectKind == "RayJob" ? "rayjob" : "rayservice"));
    env.push_back(envValue("OWNER_NAME", spec.objectName));
  }
  if (spec.rayAuth != RayAuth::None) env.push_back(envValue("RAY_AUTH_MODE", "token"));
  if (spec.rayAuth == RayAuth::Token) env.push_back(envSecret("RAY_AUTH_TOKEN", {spec.objectName, kAuthTokenKey}));
  if (spec.rayAuth == RayAuth::Kubernetes) env.push_back(envValue("RAY_ENABLE_K8S_TOKEN_AUTH", "true"));
  addCollectorStorageEnv(c, env);
  for (const auto& [var, value] : c.tuning) env.push_back(envValue(var, value));
}

// v1.6 configured by flags (cmd/collector/main.go @v1.6.2 36-44); $(VAR) is expanded by
// Kubernetes from the env below. --ray-cluster-id is the namespace half of where the cluster is
// stored (<name>_<id>); its default "default" files every cluster under the default namespace.
YAML::Node v16Command(const CollectorSpec& c, RayNodeType type) {
  YAML::Node cmd = y::seq();
  for (const std::string& arg :
       {std::string("collector"), std::string("--role=") + (type == RayNodeType::Head ? "Head" : "Worker"),
        "--runtime-class-name=" + c.backend, std::string("--ray-cluster-name=$(RAY_CLUSTER_NAME)"),
        std::string("--ray-cluster-id=$(RAY_CLUSTER_NAMESPACE)"), "--ray-root-dir=" + c.rootDir,
        "--events-port=" + std::to_string(c.eventsPort)})  // its default, 8080, is Ray's metrics port
    cmd.push_back(y::str(arg));
  if (c.tuning.count("PUSH_INTERVAL")) cmd.push_back(y::str("--push-interval=" + c.tuning.at("PUSH_INTERVAL")));
  return cmd;
}

void addV16Env(const CollectorSpec& c, RayNodeType type, YAML::Node env) {
  env.push_back(envField("RAY_CLUSTER_NAME", "metadata.labels['ray.io/cluster']"));
  env.push_back(envField("RAY_CLUSTER_NAMESPACE", "metadata.namespace"));
  // v1.6 has no default dashboard address; the head's collector polls it (its samples set this).
  if (type == RayNodeType::Head) env.push_back(envValue("RAY_DASHBOARD_ADDRESS", "http://localhost:8265"));
  if (c.tuning.count("RAY_COLLECTOR_POLL_INTERVAL"))
    env.push_back(envValue("RAY_COLLECTOR_POLL_INTERVAL", c.tuning.at("RAY_COLLECTOR_POLL_INTERVAL")));
  addCollectorStorageEnv(c, env);
}

// A script from templates/, without its comment lines (they explain it there).
std::string templateScript(const char* name) {
  std::string out, line;
  std::istringstream in{std::string(resource(std::string("templates/") + name))};
  while (std::getline(in, line)) {
    size_t first = line.find_first_not_of(' ');
    if (first != std::string::npos && line[first] == '#') continue;
    out += line + "\n";
  }
  return out;
}

YAML::Node nodeIdHook() {
  YAML::Node cmd = y::seq();
  cmd.push_back(y::str("/bin/sh"));
  cmd.push_back(y::str("-c"));
  cmd.push_back(y::str(templateScript("raylet-node-id-hook.sh")));
  YAML::Node exec = y::map();
  exec["command"] = cmd;
  YAML::Node hook = y::map();
  hook["exec"] = exec;
  return hook;
}

// KubeRay's projected service-account token, as AddRayTokenVolume (pod.go) adds it with
// enableK8sTokenAuth; rendered so the pod is complete on its own (the operator keeps an
// existing volume of that name).
YAML::Node rayTokenVolume() {
  return YAML::Load("{name: ray-token, projected: {sources: [{serviceAccountToken: {path: token}}]}}");
}

}  // namespace

YAML::Node collectorContainer(const Spec& spec, RayNodeType type) {
  const CollectorSpec& c = spec.collector;
  const CollectorReleaseInfo& release = collectorRelease(c.release);
  YAML::Node ctr = agentSidecarBase(spec, kCollectorContainer, c.image);
  if (release.configuredByFlags) ctr["command"] = v16Command(c, type);
  YAML::Node env = y::seq();
  if (release.configuredByFlags) addV16Env(c, type, env);
  else addV17Env(spec, type, env);
  ctr["env"] = env;
  ctr["resources"] = resources(c);
  YAML::Node mounts = y::seq();
  mounts.push_back(volumeMount(kRayLogVolume, kRayLogMountPath));
  if (c.gcsCredentials) {
    YAML::Node creds = volumeMount(kGcsCredentialsVolume, kGcsCredentialsDir);
    creds["readOnly"] = y::boolean(true);
    mounts.push_back(creds);
  }
  if (spec.rayAuth == RayAuth::Kubernetes) {
    YAML::Node token = volumeMount(kRayTokenVolume, kRayTokenMountPath);
    token["readOnly"] = y::boolean(true);
    mounts.push_back(token);
  }
  ctr["volumeMounts"] = mounts;
  return ctr;
}

YAML::Node collectorHistoryServerOptions(const Spec& spec) {
  const CollectorSpec& c = spec.collector;
  YAML::Node env = y::seq();
  // The operator sets the pod's identity, role, owner and EVENTS_PORT itself and refuses them here
  // (ray-operator/controllers/ray/utils/validation.go, collector env).
  env.push_back(envValue("STORAGE_BACKEND", c.backend));
  if (!c.rootDir.empty()) env.push_back(envValue("STORAGE_ROOT_DIR", c.rootDir));
  addCollectorStorageEnv(c, env);
  for (const auto& [var, value] : c.tuning) env.push_back(envValue(var, value));
  YAML::Node collector = y::map();
  y::set(collector, "image", c.image);
  collector["resources"] = resources(c);
  collector["env"] = env;
  YAML::Node options = y::map();
  options["collectorOptions"] = collector;
  return options;
}

void addCollectorPieces(const Spec& spec, RayNodeType type, LoggingPieces& pieces) {
  const CollectorSpec& c = spec.collector;
  const CollectorReleaseInfo& release = collectorRelease(c.release);
  pieces.serviceAccountName = c.serviceAccountName;
  for (const auto& [k, v] : c.podLabels) pieces.podLabels[k] = v;
  // In operator mode KubeRay adds the container, the Ray event settings and the shared volume.
  if (c.mode == CollectorMode::Operator) return;
  pieces.sidecars.push_back(collectorContainer(spec, type));
  // Ray sends its events to the collector on localhost (Ray's aggregator agent posts to this URL).
  pieces.rayEnv.push_back(envValue("RAY_enable_ray_event", "true"));
  pieces.rayEnv.push_back(envValue("RAY_enable_core_worker_ray_event_to_aggregator", "true"));
  pieces.rayEnv.push_back(envValue("RAY_DASHBOARD_AGGREGATOR_AGENT_EVENTS_EXPORT_ADDR",
                                   "http://localhost:" + std::to_string(c.eventsPort) + "/v1/events"));
  for (const std::string& var : kRayExposableEventTypeVars) pieces.rayEnv.push_back(envValue(var, kRayExposableEventTypes));
  if (release.needsNodeIdHook) pieces.rayPostStart = nodeIdHook();
  if (!release.movesPreviousLogs) pieces.rayCommandPrefix = templateScript("previous-session-logs.sh");
  if (c.gcsCredentials) {
    YAML::Node secret = y::map();
    y::set(secret, "secretName", c.gcsCredentials->name);
    YAML::Node vol = y::map();
    y::set(vol, "name", kGcsCredentialsVolume);
    vol["secret"] = secret;
    pieces.volumes.push_back(vol);
  }
  if (spec.rayAuth == RayAuth::Kubernetes) pieces.volumes.push_back(rayTokenVolume());
}

}  // namespace raylog
