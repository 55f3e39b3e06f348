#pragma once
// Kubernetes name, label and image-reference rules, shared by the spec checks and lint.
#include <string>

namespace raylog {

bool isDns1123Label(const std::string& s);  // lowercase alnum and '-', <= 63
bool isDns1035Label(const std::string& s);  // as above, starting with a letter
bool isQualifiedName(const std::string& s);  // label/annotation key: [prefix/]name
bool isLabelValue(const std::string& s);

// True when `image` names one release: a digest, or a tag that is no moving tag (k8s/image_pin.h).
bool isPinnedImage(const std::string& image);

}  // namespace raylog
