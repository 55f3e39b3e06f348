#pragma once
// A log agent raylog-gen puts beside Ray, as one unit: its defaults, the spec settings and outputs
// it takes, the gate for values that reach its config, the pieces it adds to a Ray pod, the
// objects that go with them, and how lint and inject recognise it in someone's manifest.
// Each agent lives in its own folder under agents/ and is listed once in agent_registry.cpp;
// shared code (spec loader, pieces, render, inject, lint) asks the registry, never for a name.
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "k8s/ray_object.h"
#include "spec/spec.h"

namespace raylog {

struct LoggingPieces;
struct OutputBackend;

// What lint's rules tell apart; OtherFileAgent is any file-tailing agent raylog-gen does not render.
enum class AgentKind { FluentBit, Fluentd, Collector, OtherFileAgent };

// Where an agent's spec checks report: a JSON pointer into the spec document and whether the
// problem is the key itself (unknown or misplaced) rather than its value.
class SpecReport {
 public:
  virtual ~SpecReport() = default;
  virtual void error(const std::string& pointer, bool atKey, const std::string& message) = 0;
};

// Used where the spec leaves agent.image, agent.flushSeconds or agent.resources out.
struct AgentDefaults {
  std::string image;  // "" when the image comes from elsewhere (collector.image)
  std::string requestCpu, requestMemory, limitCpu, limitMemory;
  int64_t flushSeconds = 1;
};

struct LogAgent {
  std::string type;     // spec agent.type, and the value of the pod annotation raylog-gen writes
  std::string product;  // its name in messages: "Fluent Bit"
  AgentKind kind;
  // One file-tailing agent per pod: when the spec switches agents, the other's pieces go.
  bool tailsFiles = true;
  // It ships records to spec.outputs (which the spec must then have).
  bool shipsOutputs = true;
  AgentDefaults defaults;
  // Its containers and volumes (by name), to take out of a pod when the spec switches agents.
  std::vector<std::string> containerNames, volumeNames;

  // Whether it runs for `spec`: the agent agent.type names, or an agent the spec turns on.
  bool (*runsFor)(const Spec& spec);
  // Reports what the spec asks of it that it cannot do (settings, outputs, strategies);
  // `given` is the spec's `spec` mapping as written. Called when it runs or agent.type names it.
  void (*checkSpec)(const nlohmann::json& given, const Spec& spec, SpecReport& report);
  // The gate of its config file: why `value` cannot go there; nullptr when it has no config text.
  std::optional<std::string> (*valueProblem)(const std::string& value);
  // Adds its containers, volumes and Ray container settings to one Ray pod template's pieces.
  void (*addPieces)(const Spec& spec, RayNodeType type, const std::string& group, LoggingPieces& pieces);
  // Adds what it sets on a Ray object's RayClusterSpec rather than its pods; nullptr for nothing.
  void (*addClusterPieces)(const Spec& spec, YAML::Node clusterSpec) = nullptr;
  // Objects its sidecars need in the Ray objects' namespace (ConfigMaps): render and inject write them.
  std::vector<YAML::Node> (*sidecarObjects)(const Spec& spec);
  // Objects only render writes beside them (e.g. a ServiceAccount); nullptr for none.
  std::vector<YAML::Node> (*renderOnlyObjects)(const Spec& spec) = nullptr;
  // Node-level collection (strategy daemonset): the DaemonSet and its objects; nullptr when the
  // agent only runs as a sidecar.
  std::vector<YAML::Node> (*daemonSetObjects)(const Spec& spec) = nullptr;
  // The DaemonSet's name (IAM binds to its ServiceAccount); with daemonSetObjects.
  std::string (*daemonSetName)(const Spec& spec) = nullptr;
  // Whether a container of someone's pod template is this agent, and whether an image is its own.
  bool (*recognises)(const YAML::Node& container);
  bool (*imageIsOurs)(const std::string& image);
  // Whether a ConfigMap value is this agent's config (lint reads it); nullptr when it has none.
  bool (*isConfigText)(const std::string& text) = nullptr;
};

// Every agent, in registry order (which is also the order of their pieces and objects).
const std::vector<LogAgent>& logAgents();

// nullptr when no agent has this type (the schema's enum keeps that from happening).
const LogAgent* findLogAgent(const std::string& type);

// The agents that run for `spec`, in registry order.
std::vector<const LogAgent*> agentsRunningFor(const Spec& spec);

// The agent whose config file takes the spec's agent and output values: the one agent.type
// names when it has a config; nullptr otherwise.
const LogAgent* configAgentFor(const Spec& spec);

// The agent a container is (first match in registry order); nullptr when none.
const LogAgent* recogniseAgent(const YAML::Node& container);

// The types of the agents for which `pred` holds, comma-separated ("fluent-bit, fluentd").
std::string agentTypes(bool (*pred)(const LogAgent&));

}  // namespace raylog
