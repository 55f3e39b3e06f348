// The files of the Fluent Bit agent's ConfigMap, in the format the spec chose.
#include <algorithm>
#include <stdexcept>

#include "agents/fluent_bit/fluent_bit_config.h"
#include "agents/fluent_bit/fluent_bit_names.h"
#include "agents/fluent_bit/fluent_bit_parsers.h"
#include "agents/fluent_bit/fluent_bit_yaml.h"

namespace raylog {

std::vector<std::pair<std::string, std::string>> fluentBitConfigFiles(const std::string& configFormat,
                                                                       FluentBitConfig config, const FluentBitConfig& parsers) {
  if (configFormat == "classic") return {{kFluentBitConfigKey, config.render()}, {kParsersKey, parsers.render()}};
  if (configFormat != "yaml") throw std::logic_error("unknown Fluent Bit config format " + configFormat);
  // One YAML file holds the parsers too, so the classic Parsers_File reference goes.
  for (FluentBitSection& s : config.sections)
    if (s.name == "SERVICE")
      s.entries.erase(std::remove_if(s.entries.begin(), s.entries.end(),
                                     [](const auto& e) { return e.first == "Parsers_File"; }),
                      s.entries.end());
  config.sections.insert(config.sections.end(), parsers.sections.begin(), parsers.sections.end());
  return {{kFluentBitYamlKey, renderFluentBitYaml(config)}};
}

std::string fluentBitConfigFile(const std::string& configFormat) {
  return std::string(kFluentBitConfigDir) + "/" + (configFormat == "classic" ? kFluentBitConfigKey : kFluentBitYamlKey);
}

}  // namespace raylog
