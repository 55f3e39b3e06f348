#include "pieces/env_vars.h"

#include "yaml/yaml_build.h"

namespace raylog {

static YAML::Node envFrom(const std::string& name, const char* sourceKind, const YAML::Node& source) {
  YAML::Node from = y::map();
  from[sourceKind] = source;
  YAML::Node e = y::map();
  y::set(e, "name", name);
  e["valueFrom"] = from;
  return e;
}

YAML::Node envValue(const std::string& name, const std::string& value) {
  YAML::Node e = y::map();
  y::set(e, "name", name);
  y::set(e, "value", value);
  return e;
}

YAML::Node envField(const std::string& name, const std::string& fieldPath) {
  YAML::Node ref = y::map();
  y::set(ref, "fieldPath", fieldPath);
  return envFrom(name, "fieldRef", ref);
}

YAML::Node envSecret(const std::string& name, const SecretKeyRef& secret) {
  YAML::Node ref = y::map();
  y::set(ref, "name", secret.name);
  y::set(ref, "key", secret.key);
  return envFrom(name, "secretKeyRef", ref);
}

}  // namespace raylog
