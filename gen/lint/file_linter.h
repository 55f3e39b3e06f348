#pragma once
// Lints one file: its text parsed once, every rule run over each of its objects. Pod rules look
// agent ConfigMaps up in an index; what they looked up is returned, so a caller can tell whether
// another index (the whole input's) would have answered the same.
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "lint/config_map_index.h"
#include "lint/finding.h"
#include "lint/linter.h"

namespace raylog::lint {

struct FileLint {
  std::vector<Finding> findings;      // ordered by position
  std::optional<Diagnostic> refused;  // a template, not a manifest yet: nothing was linted
  std::vector<std::pair<std::string, ConfigMapEntry>> configMaps;  // the agent ConfigMaps it defines, in order
  std::set<std::string> lookups;      // the ConfigMap keys (namespace/name) its rules looked up
};

// Which documents get a tree: those of kinds lint reads (the others are only checked for syntax),
// or every one (the slow reference).
enum class Documents { OfKindsRead, All };

// Lints `text`, file `file`, looking agent ConfigMaps up in `index`, or, when it is nullptr, in
// the file's own agent ConfigMaps.
FileLint lintFileText(const std::string& text, const std::string& file, const LintOptions& options,
                      const ConfigMapIndex* index, Documents documents = Documents::OfKindsRead);

// The agent ConfigMaps `text` defines; none when it does not parse.
std::vector<std::pair<std::string, ConfigMapEntry>> agentConfigMapsOf(const std::string& text, const std::string& file);

}  // namespace raylog::lint
