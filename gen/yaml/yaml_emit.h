#pragma once
// Deterministic YAML output: block style, two-space indent, keys in insertion order, strings
// quoted exactly when their plain form would change type, multi-line text as literal blocks.
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace raylog {

// One document, without a leading "---".
std::string emitDocument(const YAML::Node& doc);

// A multi-document stream: each document preceded by "---", as kubectl apply -f takes it.
std::string emitStream(const std::vector<YAML::Node>& docs);

// True when `text` written as a plain scalar would be read back as something other than this
// string (null, bool, number) by YAML 1.1 or 1.2 readers, e.g. "1", "on", "0.5", "~".
bool plainScalarChangesType(const std::string& text);

}  // namespace raylog
