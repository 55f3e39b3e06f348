#pragma once
// Reading user input files safely: regular files only (a FIFO would block), bounded size, and
// YAML parse errors turned into located diagnostics.
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "util/diagnostic.h"

namespace raylog {

// Largest input accepted; Ray manifests are kilobytes, so this only stops runaway input.
constexpr size_t kMaxInputBytes = 16 * 1024 * 1024;

// Reads `path` ("-" = standard input). Throws InputError naming `path` when it is missing,
// not a regular file, unreadable or too large.
std::string readInputFile(const std::string& path);

// The name used in diagnostics for `path`: "<stdin>" for "-", else the path as given.
std::string displayName(const std::string& path);

struct ParsedDocument {
  YAML::Node root;
  Location start;  // where the document begins
};

// Parses a YAML stream. Throws InputError at the parser's mark on malformed YAML, including
// nesting too deep for the parser.
std::vector<ParsedDocument> parseYamlStream(const std::string& text, const std::string& file);

// The same, but a document whose root mapping's `kind` wantedKind refuses comes back as a null
// document: its syntax is checked all the same, but no tree is built for it.
std::vector<ParsedDocument> parseYamlStream(const std::string& text, const std::string& file,
                                            bool (*wantedKind)(const std::string& kind));

Location locationOf(const YAML::Mark& mark, const std::string& file);

}  // namespace raylog
