#pragma once
// nlohmann::json -> yaml-cpp node, strings tagged as strings (see yaml_build.h), for values that
// pass through a spec into manifests (RayJob runtimeEnv).
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

namespace raylog {

YAML::Node jsonToYaml(const nlohmann::json& value);

}  // namespace raylog
