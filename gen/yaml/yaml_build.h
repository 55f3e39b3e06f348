#pragma once
// Building yaml-cpp nodes whose scalar types survive emission: a string built here is tagged
// "!" (as the parser tags a quoted scalar), so the emitter quotes it whenever its text would
// otherwise read back as a number, bool or null ("1", "on", "2.41").
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <map>
#include <string>

namespace raylog::y {

YAML::Node str(const std::string& value);
YAML::Node integer(int64_t value);
YAML::Node boolean(bool value);
YAML::Node map();
YAML::Node seq();

// A map of string values, keys in sorted order.
YAML::Node stringMap(const std::map<std::string, std::string>& values);

// Sets `node[key] = value` (value a string, tagged as such).
void set(YAML::Node node, const std::string& key, const std::string& value);

// True when the scalar is a string by its tag (built by str() or quoted in the source).
bool isStringScalar(const YAML::Node& node);

// Loads an embedded template (templates/NAME); its scalars keep their source typing.
YAML::Node loadTemplate(const std::string& name);

}  // namespace raylog::y
