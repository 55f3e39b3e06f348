#pragma once
// Names and paths of the Fluentd agent's pieces.
#include <string>

namespace raylog {

inline constexpr const char* kFluentdContainer = "fluentd";
inline constexpr const char* kFluentdConfigVolume = "fluentd-config";
// Fluentd's socket manager opens a Unix socket under $SERVERENGINE_SOCKETMANAGER_SOCK_DIR (else
// /tmp, which is read-only).
inline constexpr const char* kFluentdRunVolume = "fluentd-run";
inline constexpr const char* kFluentdRunPath = "/tmp/fluentd";

std::string fluentdConfigMapName(const std::string& specName);

}  // namespace raylog
