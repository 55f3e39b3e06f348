// The Fluentd agent (the EFK guide's): a sidecar per Ray pod with the same parsing and origin
// fields as Fluent Bit, and the outputs its image has plugins for.
#include "agents/fluentd/fluentd_names.h"
#include "agents/fluentd/fluentd_sidecar_config.h"
#include "agents/fluentd/fluentd_value.h"
#include "agents/log_agent.h"
#include "agents/outputs/output_backend.h"
#include "pieces/agent_container.h"
#include "pieces/env_vars.h"
#include "pieces/logging_names.h"
#include "pieces/logging_pieces.h"
#include "render/plain_cluster.h"
#include "util/default_images.h"
#include "yaml/yaml_build.h"

namespace raylog {

std::string fluentdConfigMapName(const std::string& specName) { return specName + "-fluentd"; }

namespace {

const char* kType = "fluentd";

bool contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

std::string scalar(const YAML::Node& n, const char* key) {
  const YAML::Node v = n[key];
  return v && v.IsScalar() ? v.Scalar() : "";
}

bool imageIsOurs(const std::string& image) { return contains(image, "fluentd"); }

bool recognises(const YAML::Node& c) { return imageIsOurs(scalar(c, "image")) || contains(scalar(c, "name"), "fluentd"); }

// The image's entrypoint edits files under /fluentd/etc and loads a Gemfile, so the sidecar
// starts fluentd itself on raylog-gen's config. Under a read-only root filesystem Fluentd's
// supervisor cannot start: it makes its lock folder with Dir.mktmpdir (lib/fluent/supervisor.rb),
// and Ruby's Dir.tmpdir skips a world-writable folder such as an emptyDir and falls back to the
// read-only /tmp. kubelet restarts the container, so it runs without the supervisor; its socket
// manager goes to the fluentd-run emptyDir (SERVERENGINE_SOCKETMANAGER_SOCK_DIR,
// serverengine/socket_manager.rb; /tmp otherwise).
YAML::Node sidecar(const Spec& spec, RayNodeType type, const std::string& group) {
  YAML::Node c = agentSidecarBase(spec, kFluentdContainer, spec.agent.image);
  YAML::Node command = y::seq();
  for (const std::string& arg : {std::string("fluentd"), std::string("-c"),
                                 std::string(kFluentdConfigDir) + "/" + kFluentdConfigKey,
                                 std::string("--no-supervisor")})
    command.push_back(y::str(arg));
  c["command"] = command;
  YAML::Node env = agentEnv(spec, type, group);
  env.push_back(envValue("SERVERENGINE_SOCKETMANAGER_SOCK_DIR", kFluentdRunPath));
  // A chunk an output rejects for good is backed up to /tmp/fluent (lib/fluent/env.rb
  // DEFAULT_BACKUP_DIR), which fails under a read-only root; keep it on the log volume instead.
  env.push_back(envValue("FLUENT_BACKUP_DIR", std::string(kRayLogMountPath) + "/fluentd-backup"));
  c["env"] = env;
  c["resources"] = agentResources(spec.agent);
  YAML::Node mounts = y::seq();
  mounts.push_back(volumeMount(kRayLogVolume, kRayLogMountPath));
  YAML::Node cfg = volumeMount(kFluentdConfigVolume, kFluentdConfigDir);
  cfg["readOnly"] = y::boolean(true);
  mounts.push_back(cfg);
  mounts.push_back(volumeMount(kFluentdRunVolume, kFluentdRunPath));
  c["volumeMounts"] = mounts;
  addFixedSidecarSettings(c);
  return c;
}

void addPieces(const Spec& spec, RayNodeType type, const std::string& group, LoggingPieces& p) {
  p.volumes.push_back(configMapVolume(kFluentdConfigVolume, fluentdConfigMapName(spec.name)));
  YAML::Node run = y::map();
  y::set(run, "name", kFluentdRunVolume);
  YAML::Node dir = y::map();
  dir["sizeLimit"] = y::str("16Mi");
  run["emptyDir"] = dir;
  p.volumes.push_back(run);
  p.sidecars.push_back(sidecar(spec, type, group));
}

std::vector<YAML::Node> configMaps(const Spec& spec) {
  YAML::Node cm = y::map();
  y::set(cm, "apiVersion", "v1");
  y::set(cm, "kind", "ConfigMap");
  cm["metadata"] = objectMetadata(spec, fluentdConfigMapName(spec.name));
  YAML::Node data = y::map();
  y::set(data, kFluentdConfigKey, fluentdSidecarConfig(spec).render());
  cm["data"] = data;
  return {cm};
}

// Fluent Bit's settings must not silently do nothing, nor an output Fluentd's image cannot reach.
void checkSpec(const nlohmann::json& given, const Spec& s, SpecReport& report) {
  if (given.contains("agent") && given["agent"].contains("configFormat"))
    report.error("/spec/agent/configFormat", true,
                 "'configFormat' chooses the format of Fluent Bit's config and does nothing with agent type fluentd; "
                 "remove it");
  for (const char* key : {"memBufLimit", "graceSeconds"})
    if (given.contains("agent") && given["agent"].contains(key))
      report.error(std::string("/spec/agent/") + key, true,
                   std::string("'") + key + "' is a Fluent Bit setting and does nothing with agent type fluentd (its buffer "
                   "is bounded and blocks tail when full, and it flushes at shutdown); remove it");
  const std::string base = given.contains("outputs") ? "/spec/outputs/" : "/spec/output";
  for (const OutputSpec& o : s.outputs) {
    const OutputBackend* backend = findOutputBackend(o.type);
    if (!backend || backend->addFluentdOutput) continue;
    const std::string pointer = given.contains("outputs") ? base + std::to_string(o.index) : base;
    report.error(pointer + "/type", false,
                 "output type " + o.type + " is not available with agent type fluentd (its image ships the Elasticsearch "
                 "plugin); use one of " + fluentdOutputTypes() + ", or agent type fluent-bit, which has them all");
  }
}

}  // namespace

LogAgent fluentdAgent() {
  LogAgent a;
  a.type = kType;
  a.product = "Fluentd";
  a.kind = AgentKind::Fluentd;
  // Fluentd (Ruby) needs more memory and, as the EFK guide has it, flushes every 5 s.
  a.defaults = {default_images::kFluentd, "100m", "256Mi", "500m", "512Mi", 5};
  a.containerNames = {kFluentdContainer};
  a.volumeNames = {kFluentdConfigVolume, kFluentdRunVolume};
  a.runsFor = [](const Spec& s) { return s.agent.type == kType; };
  a.checkSpec = checkSpec;
  a.valueProblem = fluentdValueProblem;
  a.addPieces = addPieces;
  a.sidecarObjects = configMaps;
  a.recognises = recognises;
  a.imageIsOurs = imageIsOurs;
  a.isConfigText = [](const std::string& text) { return contains(text, "<source>") || contains(text, "<match"); };
  return a;
}

}  // namespace raylog
