#pragma once
// A Fluent Bit configuration as data ([SECTION] blocks of Key Value lines) and its writers, for
// the classic format and for YAML (fluent_bit_yaml.h). Every key and value passes
// fluent_bit_value.h's gate on the way out.
#include <string>
#include <utility>
#include <vector>

namespace raylog {

// One rule of a regex multiline parser: in state `state`, a line matching `regex` (written
// /.../ as Fluent Bit takes it) moves to `next`.
struct FluentBitRule {
  std::string state, regex, next;
};

struct FluentBitSection {
  std::string name;  // SERVICE, INPUT, FILTER, OUTPUT, PARSER, MULTILINE_PARSER
  std::vector<std::pair<std::string, std::string>> entries;
  std::vector<FluentBitRule> rules;  // MULTILINE_PARSER only; written after the entries

  FluentBitSection& set(const std::string& key, const std::string& value);
  // Adds another entry with this key (keys that repeat, such as record_modifier's Record).
  FluentBitSection& append(const std::string& key, const std::string& value);
  // The value of the first entry with this key (case-insensitive, as Fluent Bit reads keys); "" if none.
  std::string get(const std::string& key) const;
  FluentBitSection& rule(const std::string& state, const std::string& regex, const std::string& next);
};

struct FluentBitConfig {
  std::vector<FluentBitSection> sections;

  FluentBitSection& add(const std::string& name);

  // The classic-format text. Throws std::logic_error if a key or value would break the format: callers
  // validate user values first (with locations); this is the last line of defence.
  std::string render() const;
};

}  // namespace raylog
