#include "yaml/yaml_build.h"

#include "util/resources.h"

namespace raylog::y {

YAML::Node str(const std::string& value) {
  YAML::Node n(value);
  n.SetTag("!");
  return n;
}

YAML::Node integer(int64_t value) { return YAML::Node(value); }

YAML::Node boolean(bool value) { return YAML::Node(value); }

YAML::Node map() { return YAML::Node(YAML::NodeType::Map); }

YAML::Node seq() { return YAML::Node(YAML::NodeType::Sequence); }

YAML::Node stringMap(const std::map<std::string, std::string>& values) {
  YAML::Node n = map();
  for (const auto& [k, v] : values) n[str(k)] = str(v);
  return n;
}

void set(YAML::Node node, const std::string& key, const std::string& value) { node[key] = str(value); }

bool isStringScalar(const YAML::Node& node) {
  return node.IsScalar() && (node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str");
}

YAML::Node loadTemplate(const std::string& name) {
  return YAML::Load(std::string(resource("templates/" + name)));
}

}  // namespace raylog::y
