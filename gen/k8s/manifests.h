#pragma once
// Reading Kubernetes manifests for inject and the kustomize plugin: every document of every
// input, with its file name for error locations.
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace raylog {

struct SourceDocument {
  YAML::Node root;
  std::string file;  // for error locations
};

// Throws InputError on unreadable files or malformed YAML.
std::vector<SourceDocument> readManifests(const std::vector<std::string>& paths);

// The documents of a YAML stream already read (e.g. kustomize's stdin).
std::vector<SourceDocument> parseManifests(const std::string& text, const std::string& file);

}  // namespace raylog
