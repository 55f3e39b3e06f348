#include "agents/history_collector/collector_pieces.h"

#include <sstream>

#include "pieces/env_vars.h"
#include "agents/history_collector/collector_names.h"
#include "pieces/logging_names.h"
#include "util/resources.h"
#include "yaml/yaml_build.h"

namespace raylog {

namespace {

const char* kGcsCredentialsVolume = "collector-gcs-credentials";
const char* kGcsCredentialsDir = "/var/secrets/google";

void addStorageEnv(const CollectorSpec& c, YAML::Node env) {
  if (c.backend == "s3") {
    env.push_back(envValue("S3_BUCKET", c.bucket));
    env.push_back(envValue("S3_REGION", c.s3Region));
    if (!c.s3Endpoint.empty()) env.push_back(envValue("S3_ENDPOINT", c.s3Endpoint));
    env.push_back(envValue("S3FORCE_PATH_STYLE", c.s3ForcePathStyle ? "true" : "false"));
    env.push_back(envValue("S3DISABLE_SSL", c.s3DisableSsl ? "true" : "false"));
    if (c.s3AccessKeyId) env.push_back(envSecret("AWS_S3ID", *c.s3AccessKeyId));
    if (c.s3SecretAccessKey) env.push_back(envSecret("AWS_S3SECRET", *c.s3SecretAccessKey));
  } else if (c.backend == "azureblob") {
    env.push_back(envSecret("AZURE_STORAGE_CONNECTION_STRING", *c.azureConnectionString));
    env.push_back(envValue("AZURE_STORAGE_CONTAINER", c.bucket));
  } else if (c.backend == "gcs") {
    env.push_back(envValue("GCS_BUCKET", c.bucket));
    if (c.gcsCredentials)
      env.push_back(envValue("GOOGLE_APPLICATION_CREDENTIALS", std::string(kGcsCredentialsDir) + "/" + c.gcsCredentials->key));
  }
}

YAML::Node collectorContainer(const Spec& spec, RayNodeType type) {
  const CollectorSpec& c = spec.collector;
  const std::string role = type == RayNodeType::Head ? "Head" : "Worker";
  YAML::Node ctr = y::map();
  y::set(ctr, "name", kCollectorContainer);
  y::set(ctr, "image", c.image);
  if (spec.agent.sidecarMode == SidecarMode::Native) y::set(ctr, "restartPolicy", "Always");
  if (c.generation == CollectorGeneration::Legacy) {
    // Older builds take flags; $(RAY_CLUSTER_NAME) is expanded by Kubernetes from the env
    // below, so it is right for RayJob clusters whose names KubeRay generates.
    YAML::Node cmd = y::seq();
    for (const std::string& arg :
         {std::string("collector"), "--role=" + role, "--runtime-class-name=" + c.backend,
          std::string("--ray-cluster-name=$(RAY_CLUSTER_NAME)"), std::string("--ray-root-dir=log"),
          "--events-port=" + std::to_string(c.eventsPort)})
      cmd.push_back(y::str(arg));
    ctr["command"] = cmd;
  }
  YAML::Node env = y::seq();
  env.push_back(envField("RAY_CLUSTER_NAME", "metadata.labels['ray.io/cluster']"));
  env.push_back(envField("RAY_CLUSTER_NAMESPACE", "metadata.namespace"));
  if (c.generation == CollectorGeneration::Env) {
    env.push_back(envField("POD_IP", "status.podIP"));
    env.push_back(envValue("RAY_TMP_ROOT", kRayLogMountPath));
    env.push_back(envValue("RAY_ROLE", role));
    env.push_back(envValue("STORAGE_BACKEND", c.backend));
  }
  addStorageEnv(c, env);
  ctr["env"] = env;
  YAML::Node res = y::map();
  res["requests"] = y::stringMap({{"cpu", c.requestCpu}, {"memory", c.requestMemory}});
  res["limits"] = y::stringMap({{"cpu", c.limitCpu}, {"memory", c.limitMemory}});
  ctr["resources"] = res;
  YAML::Node mounts = y::seq();
  YAML::Node logs = y::map();
  y::set(logs, "name", kRayLogVolume);
  y::set(logs, "mountPath", kRayLogMountPath);
  mounts.push_back(logs);
  if (c.gcsCredentials) {
    YAML::Node creds = y::map();
    y::set(creds, "name", kGcsCredentialsVolume);
    y::set(creds, "mountPath", kGcsCredentialsDir);
    creds["readOnly"] = y::boolean(true);
    mounts.push_back(creds);
  }
  ctr["volumeMounts"] = mounts;
  return ctr;
}

// The hook script from templates/, without its comment lines (they explain it there).
std::string hookScript() {
  std::string out, line;
  std::istringstream in{std::string(resource("templates/raylet-node-id-hook.sh"))};
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
  cmd.push_back(y::str(hookScript()));
  YAML::Node exec = y::map();
  exec["command"] = cmd;
  YAML::Node hook = y::map();
  hook["exec"] = exec;
  return hook;
}

}  // namespace

void addCollectorPieces(const Spec& spec, RayNodeType type, LoggingPieces& pieces) {
  const CollectorSpec& c = spec.collector;
  pieces.sidecars.push_back(collectorContainer(spec, type));
  // Ray sends its events to the collector on localhost.
  pieces.rayEnv.push_back(envValue("RAY_enable_ray_event", "true"));
  pieces.rayEnv.push_back(envValue("RAY_enable_core_worker_ray_event_to_aggregator", "true"));
  pieces.rayEnv.push_back(envValue("RAY_DASHBOARD_AGGREGATOR_AGENT_EVENTS_EXPORT_ADDR",
                                   "http://localhost:" + std::to_string(c.eventsPort) + "/v1/events"));
  if (c.generation == CollectorGeneration::Legacy) pieces.rayPostStart = nodeIdHook();
  pieces.serviceAccountName = c.serviceAccountName;
  if (c.gcsCredentials) {
    YAML::Node secret = y::map();
    y::set(secret, "secretName", c.gcsCredentials->name);
    YAML::Node vol = y::map();
    y::set(vol, "name", kGcsCredentialsVolume);
    vol["secret"] = secret;
    pieces.volumes.push_back(vol);
  }
}

}  // namespace raylog
