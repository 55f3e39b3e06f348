#pragma once
// Reading Kubernetes manifests for inject and the kustomize plugin: every document of every
// input, with its file name for error locations.
#include <memory>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace raylog {

// The text a stream of documents was read from, cut at its document markers: chunk i runs from
// its `---` line (none for the first) to the next marker. inject writes unchanged bytes back.
struct SourceText {
  std::string text;
  std::vector<std::pair<size_t, size_t>> chunks;  // [begin, end) in text
};

struct SourceDocument {
  YAML::Node root;
  std::string file;  // for error locations
  std::shared_ptr<const SourceText> source;  // the stream it came from
  size_t chunk = 0;                          // its chunk of source->text
};

// Throws InputError on unreadable files or malformed YAML.
std::vector<SourceDocument> readManifests(const std::vector<std::string>& paths);

// The documents of a YAML stream already read (e.g. kustomize's stdin).
std::vector<SourceDocument> parseManifests(const std::string& text, const std::string& file);

}  // namespace raylog
