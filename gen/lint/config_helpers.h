#pragma once
// Small queries over a parsed Fluent Bit or Fluentd config that several rules share.
#include <string>
#include <vector>

#include "agents/fluent_bit/fluent_bit_yaml_reader.h"

namespace raylog::lint {

bool sameWord(const std::string& a, const std::string& b);  // case-insensitive

// Indexes of sections named `section` whose Name is `plugin` ("" = any plugin).
std::vector<size_t> sectionsOf(const FluentBitConfig& c, const std::string& section, const std::string& plugin = "");

// Line (1-based, in the config text) of `key` in section i, or of the section header when absent.
int lineOf(const ParsedFluentBitConfig& p, size_t section, const std::string& key);

// Whether `path` matches the glob `pattern` as tail's glob(3) does: '*' and '?' stay within one
// path component, [...] classes; no '**'.
bool globMatches(const std::string& pattern, const std::string& path);

// The comma-separated patterns of a tail Path (Fluent Bit) or path (Fluentd), trimmed.
std::vector<std::string> pathPatterns(const std::string& value);

// Whether the first character of `line` after white space (regex \s) is one of `firsts`: a cheap
// test that skips a line none of a rule's "^\s*<source>"-like regexes can match.
bool firstWordStartsWith(const std::string& line, const char* firsts);

}  // namespace raylog::lint
