#pragma once
// Keeping a document's text when only some of its nodes change: the changed nodes are emitted
// again and spliced into the original text at their marks; every other byte (comments, key
// order, quoting, anchors, blank lines) stays as it was.
#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>

namespace raylog {

// `text` is one YAML document (without its leading `---` line); `edited` is what it must now say.
// Returns the spliced text, or nullopt when the change cannot be spliced safely (a flow collection
// that changed, an alias, ...): the caller emits the whole document instead. The result is
// checked: it parses to exactly `edited`.
std::optional<std::string> spliceDocument(const std::string& text, const YAML::Node& edited);

}  // namespace raylog
