// KubeRay's History Server collector (DOMAIN §6): a sidecar that uploads Ray's logs and events to
// object storage (spec.collector), beside a file agent or, with agent type history-collector, alone.
#include "agents/history_collector/collector_names.h"
#include "agents/history_collector/collector_pieces.h"
#include "agents/history_collector/collector_rbac.h"
#include "agents/log_agent.h"

namespace raylog {

namespace {

const char* kType = "history-collector";

bool contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

std::string scalar(const YAML::Node& n, const char* key) {
  const YAML::Node v = n[key];
  return v && v.IsScalar() ? v.Scalar() : "";
}

// KubeRay's images are <registry>/historyserver or .../collector; its samples run `collector`.
bool imageIsOurs(const std::string& image) {
  return contains(image, "historyserver") || contains(image, "/collector") || image.rfind("collector:", 0) == 0;
}

bool recognises(const YAML::Node& c) {
  const YAML::Node command = c["command"];
  const std::string cmd0 =
      command && command.IsSequence() && command.size() > 0 && command[0].IsScalar() ? command[0].Scalar() : "";
  return scalar(c, "name") == kCollectorContainer || cmd0 == "collector" || imageIsOurs(scalar(c, "image"));
}

void checkSpec(const nlohmann::json& given, const Spec& s, SpecReport& report) {
  if (s.agent.type == kType) {
    if (!s.collector.enabled)
      report.error("/spec/agent/type", false, "agent type history-collector needs spec.collector (image and storage)");
    for (const char* key : {"output", "outputs"})
      if (given.contains(key))
        report.error(std::string("/spec/") + key, true,
                     std::string("with agent type history-collector nothing reads spec.") + key +
                         " (the collector uploads to collector.storage); remove it, or use agent type fluent-bit");
  }
  if (s.collector.enabled && s.strategy == "daemonset")
    report.error("/spec/collector", true, "the History Server collector runs as a sidecar; use strategy sidecar for it");
}

}  // namespace

LogAgent historyCollectorAgent() {
  LogAgent a;
  a.type = kType;
  a.product = "History Server collector";
  a.kind = AgentKind::Collector;
  a.tailsFiles = false;  // it reads /tmp/ray too, but beside a file agent, not instead of one
  a.shipsOutputs = false;
  a.containerNames = {kCollectorContainer};
  a.runsFor = [](const Spec& s) { return s.collector.enabled; };
  a.checkSpec = checkSpec;
  a.valueProblem = nullptr;  // its settings are environment variables, not a config file
  a.addPieces = [](const Spec& spec, RayNodeType type, const std::string&, LoggingPieces& p) {
    addCollectorPieces(spec, type, p);
  };
  a.sidecarObjects = [](const Spec&) { return std::vector<YAML::Node>{}; };
  a.renderOnlyObjects = collectorRbacObjects;
  a.recognises = recognises;
  a.imageIsOurs = imageIsOurs;
  return a;
}

}  // namespace raylog
