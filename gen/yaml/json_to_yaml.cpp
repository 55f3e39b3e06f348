#include "yaml/json_to_yaml.h"

#include "yaml/yaml_build.h"

namespace raylog {

YAML::Node jsonToYaml(const nlohmann::json& v) {
  if (v.is_object()) {
    YAML::Node m = y::map();
    for (auto it = v.begin(); it != v.end(); ++it) m[y::str(it.key())] = jsonToYaml(it.value());
    return m;
  }
  if (v.is_array()) {
    YAML::Node s = y::seq();
    for (const auto& item : v) s.push_back(jsonToYaml(item));
    return s;
  }
  if (v.is_string()) return y::str(v.get<std::string>());
  if (v.is_null()) return YAML::Node(YAML::NodeType::Null);
  return YAML::Node(v.dump());  // numbers and booleans: their JSON text is their plain YAML form
}

}  // namespace raylog
