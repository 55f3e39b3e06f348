#pragma once
// A classic-format Fluent Bit configuration as data ([SECTION] blocks of Key Value lines) and
// its writer. Every key and value passes fluent_bit_value.h's gate on the way out.
#include <string>
#include <utility>
#include <vector>

namespace raylog {

struct FluentBitSection {
  std::string name;  // SERVICE, INPUT, FILTER, OUTPUT, PARSER, MULTILINE_PARSER
  std::vector<std::pair<std::string, std::string>> entries;

  FluentBitSection& set(const std::string& key, const std::string& value);
  // Adds another entry with this key (keys that repeat, such as record_modifier's Record).
  FluentBitSection& append(const std::string& key, const std::string& value);
  // The value of the first entry with this key (case-insensitive, as Fluent Bit reads keys); "" if none.
  std::string get(const std::string& key) const;
};

struct FluentBitConfig {
  std::vector<FluentBitSection> sections;

  FluentBitSection& add(const std::string& name);

  // The config text. Throws std::logic_error if a key or value would break the format: callers
  // validate user values first (with locations); this is the last line of defence.
  std::string render() const;
};

}  // namespace raylog
