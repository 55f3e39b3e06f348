#pragma once
// Reading a classic-format Fluent Bit config back into the FluentBitConfig model, with the line
// of every section and entry, so lint can check configs people wrote (and tests can check the
// ones raylog-gen writes).
#include <string>
#include <vector>

#include "agents/fluent_bit/fluent_bit_config.h"

namespace raylog {

struct FluentBitLines {
  std::vector<int> sectionLine;                // 1-based line of each section header
  std::vector<std::vector<int>> entryLine;     // 1-based line of each entry, per section
};

struct ParsedFluentBitConfig {
  FluentBitConfig config;
  FluentBitLines lines;
  std::vector<std::string> includes;  // @INCLUDE targets (not followed)
  std::vector<std::pair<int, std::string>> problems;  // line, what could not be read
};

ParsedFluentBitConfig readFluentBitConfig(const std::string& text);

// Fluent Bit's tag matching: '*' matches any run of characters.
bool fluentBitTagMatches(const std::string& pattern, const std::string& tag);

}  // namespace raylog
