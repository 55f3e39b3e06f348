#include "pieces/logging_names.h"

namespace raylog {

std::string fluentBitConfigMapName(const std::string& specName) { return specName + "-fluent-bit"; }
std::string fluentdConfigMapName(const std::string& specName) { return specName + "-fluentd"; }

}  // namespace raylog
