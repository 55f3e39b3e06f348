#include "k8s/image_pin.h"

#include <algorithm>
#include <cctype>
#include <regex>

namespace raylog {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The reference without its digest.
std::string withoutDigest(const std::string& image) {
  const size_t at = image.find('@');
  return at == std::string::npos ? image : image.substr(0, at);
}

}  // namespace

std::string imageTag(const std::string& image) {
  const std::string ref = withoutDigest(image);
  const size_t slash = ref.rfind('/'), colon = ref.rfind(':');
  if (colon == std::string::npos || (slash != std::string::npos && colon < slash)) return "";
  return ref.substr(colon + 1);
}

std::string imageRepository(const std::string& image) {
  std::string ref = withoutDigest(image);
  const std::string tag = imageTag(image);
  if (!tag.empty()) ref.erase(ref.size() - tag.size() - 1);
  // A first component with '.' or ':', or localhost, is a registry host (as Docker reads it).
  const size_t slash = ref.find('/');
  if (slash != std::string::npos) {
    const std::string first = ref.substr(0, slash);
    if (first.find('.') != std::string::npos || first.find(':') != std::string::npos || first == "localhost")
      ref.erase(0, slash + 1);
  }
  if (ref.rfind("library/", 0) == 0) ref.erase(0, 8);
  return lower(ref);
}

std::optional<std::string> imagePinProblem(const std::string& image) {
  if (image.find("@sha256:") != std::string::npos) return std::nullopt;
  const std::string tag = imageTag(image);
  if (tag.empty()) return std::string("has no tag (Docker pulls :latest)");
  const std::string t = lower(tag);
  for (const char* moving : {"latest", "edge", "nightly", "stable", "main", "master", "dev"})
    if (t == moving) return "uses the moving tag ':" + tag + "', which follows new releases";
  // A release line: a major or major.minor with an optional variant suffix (:3, :5.1, :v1.19,
  // :5.1-debug, :v1.19-debian-elasticsearch8-1); at most three digits a part, so a date tag
  // (:20240101) is not one.
  static const std::regex line("^v?[0-9]{1,3}(\\.[0-9]{1,3})?(-[A-Za-z][A-Za-z0-9.-]*)?$");
  if (std::regex_match(tag, line))
    return "uses the moving tag ':" + tag + "', a release line that each new release of it moves";
  return std::nullopt;
}

}  // namespace raylog
