#pragma once
// Names and paths of the Fluent Bit agent's pieces; lint's Fluent Bit rules use the same ones.
#include <string>
#include <utility>
#include <vector>

namespace raylog {

inline constexpr const char* kFluentBitContainer = "fluent-bit";
inline constexpr const char* kFluentBitConfigVolume = "fluent-bit-config";
// The ConfigMap's keys: the YAML config (parsers inside), or the classic config and its parsers.
inline constexpr const char* kFluentBitYamlKey = "fluent-bit.yaml";
inline constexpr const char* kFluentBitConfigKey = "fluent-bit.conf";
// The ConfigMap is mounted whole (no subPath), so an edited ConfigMap reaches the files; beside
// the image's own /fluent-bit/etc rather than over it. The container's args name the file with
// -c (the image's CMD would read /fluent-bit/etc/fluent-bit.conf).
inline constexpr const char* kFluentBitConfigDir = "/fluent-bit/etc/raylog";
inline constexpr const char* kTailDbFile = "fluent-bit-tail.db";

std::string fluentBitConfigMapName(const std::string& specName);

// The ConfigMap's data (key -> file text) for the spec's configFormat, from the agent's config
// and parsers; and the file the agent starts with (-c).
struct FluentBitConfig;
std::vector<std::pair<std::string, std::string>> fluentBitConfigFiles(const std::string& configFormat,
                                                                       FluentBitConfig config, const FluentBitConfig& parsers);
std::string fluentBitConfigFile(const std::string& configFormat);

}  // namespace raylog
