#include "util/resources.h"

#include <stdexcept>

namespace raylog {

std::string_view resource(std::string_view path) {
  for (const Resource& r : allResources())
    if (r.path == path) return r.data;
  throw std::logic_error("resource not embedded: " + std::string(path));
}

}  // namespace raylog
