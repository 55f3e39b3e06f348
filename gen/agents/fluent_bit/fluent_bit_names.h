#pragma once
// Names and paths of the Fluent Bit agent's pieces; lint's Fluent Bit rules use the same ones.
#include <string>

namespace raylog {

inline constexpr const char* kFluentBitContainer = "fluent-bit";
inline constexpr const char* kFluentBitConfigVolume = "fluent-bit-config";
inline constexpr const char* kFluentBitConfigKey = "fluent-bit.conf";
// Fluent Bit's image starts /fluent-bit/bin/fluent-bit -c /fluent-bit/etc/fluent-bit.conf
// (dockerfiles/Dockerfile in fluent/fluent-bit), so the config goes where the image looks.
inline constexpr const char* kFluentBitConfigPath = "/fluent-bit/etc/fluent-bit.conf";
inline constexpr const char* kTailDbFile = "fluent-bit-tail.db";

std::string fluentBitConfigMapName(const std::string& specName);

}  // namespace raylog
