#include "k8s/operator_config.h"

#include "util/resources.h"
#include "yaml/json_schema.h"
#include "yaml/source_file.h"
#include "yaml/yaml_to_json.h"

namespace raylog {

namespace {

const JsonSchema& valuesSchema() {
  static const JsonSchema schema(nlohmann::json::parse(resource("schemas/kuberay-operator-values.schema.json")));
  return schema;
}

YAML::Node firstDocument(const std::string& text, const std::string& file) {
  std::vector<ParsedDocument> docs = parseYamlStream(text, file);
  return docs.empty() ? YAML::Node(YAML::NodeType::Null) : docs.front().root;
}

}  // namespace

std::vector<Diagnostic> operatorValuesProblems(const std::string& text, const std::string& file) {
  const YAML::Node root = firstDocument(text, file);
  if (!root.IsMap())
    return {{Location{file, 1, 1}, "expected the kuberay-operator chart's values (a mapping with configuration:)"}};
  const YAML::Node config = root["configuration"];
  if (!config || !config.IsMap())
    return {{locationOf(root.Mark(), file),
             "no 'configuration' section: the operator's sidecars are configuration.headSidecarContainers and "
             "configuration.workerSidecarContainers (raylog-gen render --operator-values writes them)"}};
  std::vector<Diagnostic> out = valuesSchema().validate(yamlToJson(root, file), file);
  const YAML::Node enabled = config["enabled"];
  if (!(enabled && enabled.IsScalar() && enabled.Scalar() == "true"))
    out.push_back({locationOf((enabled ? enabled : config).Mark(), file),
                   "configuration.enabled is not true: the chart then writes no operator config and no sidecar is "
                   "added (templates/configmap.yaml); set enabled: true"});
  if (!config["headSidecarContainers"] && !config["workerSidecarContainers"])
    out.push_back({locationOf(config.Mark(), file),
                   "configuration has neither headSidecarContainers nor workerSidecarContainers: no sidecar to check "
                   "the clusters against"});
  return out;
}

OperatorSidecars readOperatorValues(const std::string& path) {
  const std::string file = displayName(path);
  const std::string text = readInputFile(path);
  if (std::vector<Diagnostic> problems = operatorValuesProblems(text, file); !problems.empty())
    throw InputError(problems);
  OperatorSidecars out;
  out.file = file;
  const YAML::Node config = firstDocument(text, file)["configuration"];
  auto take = [&](const char* key, std::vector<YAML::Node>& list) {
    const YAML::Node cs = config[key];
    if (cs && cs.IsSequence())
      for (const YAML::Node& c : cs) list.push_back(c);
  };
  take("headSidecarContainers", out.head);
  take("workerSidecarContainers", out.worker);
  return out;
}

}  // namespace raylog
