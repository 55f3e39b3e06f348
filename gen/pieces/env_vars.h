#pragma once
// Container environment entries: literal values, downward-API fields and Secret references.
#include <yaml-cpp/yaml.h>

#include <string>

#include "spec/spec.h"

namespace raylog {

YAML::Node envValue(const std::string& name, const std::string& value);
YAML::Node envField(const std::string& name, const std::string& fieldPath);
// Credentials only ever come from a Secret, never as values in the manifest.
YAML::Node envSecret(const std::string& name, const SecretKeyRef& secret);

}  // namespace raylog
