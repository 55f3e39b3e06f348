#include "agents/fluent_bit/fluent_bit_yaml.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "agents/fluent_bit/fluent_bit_value.h"
#include "yaml/yaml_build.h"
#include "yaml/yaml_emit.h"

namespace raylog {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

YAML::Node gatedValue(const std::string& key, const std::string& value) {
  if (auto p = fluentBitValueProblem(value, true)) throw std::logic_error("Fluent Bit value for " + key + " " + *p);
  return y::str(value);
}

// A section's entries as one mapping, keys in first-seen order; repeated keys as lists.
YAML::Node sectionMap(const FluentBitSection& s) {
  YAML::Node m = y::map();
  std::vector<std::string> order;
  for (const auto& e : s.entries) {
    if (auto p = fluentBitKeyProblem(e.first)) throw std::logic_error("Fluent Bit key '" + e.first + "' " + *p);
    const std::string key = lower(e.first);
    if (std::find(order.begin(), order.end(), key) == order.end()) order.push_back(key);
  }
  for (const std::string& key : order) {
    std::vector<YAML::Node> values;
    for (const auto& e : s.entries)
      if (lower(e.first) == key) values.push_back(gatedValue(e.first, e.second));
    if (values.size() == 1) {
      m[key] = values.front();
    } else {
      YAML::Node list = y::seq();
      for (const YAML::Node& v : values) list.push_back(v);
      m[key] = list;
    }
  }
  if (!s.rules.empty()) {
    if (m["rules"]) throw std::logic_error("Fluent Bit section [" + s.name + "] has both rules and an entry 'rules'");
    YAML::Node rules = y::seq();
    for (const FluentBitRule& r : s.rules) {
      YAML::Node rule = y::map();
      rule["state"] = gatedValue("rule state", r.state);
      rule["regex"] = gatedValue("rule regex", r.regex);
      rule["next_state"] = gatedValue("rule next_state", r.next);
      rules.push_back(rule);
    }
    m["rules"] = rules;
  }
  return m;
}

}  // namespace

std::string renderFluentBitYaml(const FluentBitConfig& config) {
  YAML::Node doc = y::map();
  YAML::Node pipeline = y::map();
  // Top-level keys in the order Fluent Bit's documentation lists them.
  const std::vector<std::pair<std::string, std::string>> lists = {
      {"PARSER", "parsers"}, {"MULTILINE_PARSER", "multiline_parsers"}};
  const std::vector<std::pair<std::string, std::string>> stages = {
      {"INPUT", "inputs"}, {"FILTER", "filters"}, {"OUTPUT", "outputs"}};
  for (const FluentBitSection& s : config.sections)
    if (s.name == "SERVICE") {
      if (doc["service"]) throw std::logic_error("Fluent Bit config with two [SERVICE] sections");
      doc["service"] = sectionMap(s);
    }
  for (const auto& [section, key] : lists)
    for (const FluentBitSection& s : config.sections)
      if (s.name == section) {
        if (!doc[key]) doc[key] = y::seq();
        doc[key].push_back(sectionMap(s));
      }
  for (const auto& [section, key] : stages)
    for (const FluentBitSection& s : config.sections)
      if (s.name == section) {
        if (!pipeline[key]) pipeline[key] = y::seq();
        pipeline[key].push_back(sectionMap(s));
      }
  for (const FluentBitSection& s : config.sections) {
    const bool known = s.name == "SERVICE" || s.name == "PARSER" || s.name == "MULTILINE_PARSER" ||
                       s.name == "INPUT" || s.name == "FILTER" || s.name == "OUTPUT";
    if (!known) throw std::logic_error("Fluent Bit section [" + s.name + "] has no place in the YAML format here");
  }
  if (pipeline.size() > 0) doc["pipeline"] = pipeline;
  return emitDocument(doc);
}

}  // namespace raylog
