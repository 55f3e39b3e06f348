#include "util/image_version.h"

#include <algorithm>
#include <cctype>

namespace raylog {

std::vector<int> imageVersion(const std::string& image) {
  const size_t slash = image.rfind('/'), colon = image.rfind(':');
  if (colon == std::string::npos || (slash != std::string::npos && colon < slash) || image.find('@') != std::string::npos)
    return {};
  std::vector<int> v;
  std::string tag = image.substr(colon + 1);
  if (!tag.empty() && tag[0] == 'v') tag.erase(0, 1);
  size_t i = 0;
  while (i < tag.size() && std::isdigit(static_cast<unsigned char>(tag[i]))) {
    int n = 0;
    while (i < tag.size() && std::isdigit(static_cast<unsigned char>(tag[i]))) n = n * 10 + (tag[i++] - '0');
    v.push_back(n);
    if (i < tag.size() && tag[i] == '.') ++i;
    else break;
  }
  return v;
}

bool imageOlderThan(const std::string& image, const std::vector<int>& version) {
  const std::vector<int> v = imageVersion(image);
  return !v.empty() && std::lexicographical_compare(v.begin(), v.end(), version.begin(), version.end());
}

std::string versionText(const std::vector<int>& version) {
  std::string out;
  for (int part : version) out += (out.empty() ? "" : ".") + std::to_string(part);
  return out;
}

}  // namespace raylog
