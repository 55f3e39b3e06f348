#pragma once
// Files from schemas/ and templates/, compiled into the binary (cmake/embed_resources.cmake).
#include <string>
#include <string_view>
#include <vector>

namespace raylog {

struct Resource {
  std::string_view path;  // relative to the source tree, e.g. "schemas/raylogging.schema.json"
  std::string_view data;
};

const std::vector<Resource>& allResources();

// The resource at `path`; throws std::logic_error when it was not embedded (a build bug).
std::string_view resource(std::string_view path);

}  // namespace raylog
