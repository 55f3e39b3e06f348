#pragma once
// The release an image tag names, for settings whose right value depends on the engine version.
#include <string>
#include <vector>

namespace raylog {

// "fluent/fluent-bit:5.1.1" -> {5,1,1}, "x:v1.19.3-debian" -> {1,19,3}; empty when the tag is not a
// version (latest, a digest, no tag).
std::vector<int> imageVersion(const std::string& image);

// Whether `image` names a release older than `version`; false when it names none (taken as current).
bool imageOlderThan(const std::string& image, const std::vector<int>& version);

// {5,1,0} -> "5.1.0".
std::string versionText(const std::vector<int>& version);

}  // namespace raylog
