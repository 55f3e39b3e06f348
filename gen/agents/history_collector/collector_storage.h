#pragma once
// The collector's storage settings as the environment its release reads (pkg/storage/*/config.go),
// credentials only as Secret references.
#include <yaml-cpp/yaml.h>

#include "spec/spec.h"

namespace raylog {

inline constexpr const char* kGcsCredentialsVolume = "collector-gcs-credentials";
inline constexpr const char* kGcsCredentialsDir = "/var/secrets/google";

// Appends the storage variables to `env` (a sequence of EnvVar).
void addCollectorStorageEnv(const CollectorSpec& c, YAML::Node env);

}  // namespace raylog
