// The Fluent Bit agent: a sidecar per Ray pod (or a DaemonSet per node) that tails Ray's files
// and ships them to any of the spec's outputs.
#include "agents/fluent_bit/fluent_bit_daemonset_objects.h"
#include "agents/fluent_bit/fluent_bit_names.h"
#include "agents/fluent_bit/fluent_bit_parsers.h"
#include "agents/fluent_bit/fluent_bit_sidecar_config.h"
#include "agents/fluent_bit/fluent_bit_value.h"
#include "agents/fluent_bit/fluent_bit_yaml_reader.h"
#include "agents/log_agent.h"
#include "agents/outputs/output_backend.h"
#include "pieces/agent_container.h"
#include "pieces/logging_names.h"
#include "pieces/logging_pieces.h"
#include "render/plain_cluster.h"
#include "util/default_images.h"
#include "yaml/yaml_build.h"

namespace raylog {

std::string fluentBitConfigMapName(const std::string& specName) { return specName + "-fluent-bit"; }

namespace {

const char* kType = "fluent-bit";

bool contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

std::string scalar(const YAML::Node& n, const char* key) {
  const YAML::Node v = n[key];
  return v && v.IsScalar() ? v.Scalar() : "";
}

bool imageIsOurs(const std::string& image) { return contains(image, "fluent-bit") || contains(image, "fluentbit"); }

// The guides name the container fluentbit or fluent-bit, with the official image or a mirror.
bool recognises(const YAML::Node& c) {
  const std::string name = scalar(c, "name");
  return imageIsOurs(scalar(c, "image")) || contains(name, "fluent-bit") || contains(name, "fluentbit");
}

YAML::Node sidecar(const Spec& spec, RayNodeType type, const std::string& group) {
  YAML::Node c = agentSidecarBase(spec, kFluentBitContainer, spec.agent.image);
  c["env"] = agentEnv(spec, type, group);
  c["resources"] = agentResources(spec.agent);
  YAML::Node mounts = y::seq();
  mounts.push_back(volumeMount(kRayLogVolume, kRayLogMountPath));
  YAML::Node config = volumeMount(kFluentBitConfigVolume, kFluentBitConfigDir);
  config["readOnly"] = y::boolean(true);
  mounts.push_back(config);
  for (const SecretFile& f : outputSecretFiles(spec.outputs)) mounts.push_back(secretFileMount(f));
  c["volumeMounts"] = mounts;
  YAML::Node args = y::seq();
  args.push_back(y::str("-c"));
  args.push_back(y::str(fluentBitConfigFile(spec.agent.configFormat)));
  c["args"] = args;
  addFixedSidecarSettings(c);
  return c;
}

void addPieces(const Spec& spec, RayNodeType type, const std::string& group, LoggingPieces& p) {
  p.volumes.push_back(configMapVolume(kFluentBitConfigVolume, fluentBitConfigMapName(spec.name)));
  for (const SecretFile& f : outputSecretFiles(spec.outputs)) p.volumes.push_back(secretFileVolume(f));
  p.sidecars.push_back(sidecar(spec, type, group));
}

std::vector<YAML::Node> configMaps(const Spec& spec) {
  YAML::Node cm = y::map();
  y::set(cm, "apiVersion", "v1");
  y::set(cm, "kind", "ConfigMap");
  cm["metadata"] = objectMetadata(spec, fluentBitConfigMapName(spec.name));
  YAML::Node data = y::map();
  for (const auto& [key, text] : fluentBitConfigFiles(spec.agent.configFormat, fluentBitSidecarConfig(spec), rayParsers()))
    y::set(data, key, text);
  cm["data"] = data;
  return {cm};
}

void checkSpec(const nlohmann::json&, const Spec& spec, SpecReport& report) {
  if (auto problem = fluentBitValueProblem(spec.agent.memBufLimit))
    report.error("/spec/agent/memBufLimit", false, "'memBufLimit' " + *problem + "; it goes into the Fluent Bit config");
}

}  // namespace

LogAgent fluentBitAgent() {
  LogAgent a;
  a.type = kType;
  a.product = "Fluent Bit";
  a.kind = AgentKind::FluentBit;
  a.defaults = {default_images::kFluentBit, "50m", "64Mi", "200m", "128Mi", 1};
  a.containerNames = {kFluentBitContainer};
  a.volumeNames = {kFluentBitConfigVolume};
  a.runsFor = [](const Spec& s) { return s.agent.type == kType; };
  a.checkSpec = checkSpec;
  a.valueProblem = [](const std::string& v) { return fluentBitValueProblem(v); };
  a.addPieces = addPieces;
  a.sidecarObjects = configMaps;
  a.daemonSetObjects = fluentBitDaemonSetObjects;
  a.daemonSetName = fluentBitDaemonSetName;
  a.recognises = recognises;
  a.imageIsOurs = imageIsOurs;
  a.isConfigText = [](const std::string& text) {
    return contains(text, "[INPUT]") || contains(text, "[OUTPUT]") || isFluentBitYaml(text);
  };
  return a;
}

}  // namespace raylog
