#include "k8s/names.h"

#include <regex>

#include "k8s/image_pin.h"

namespace raylog {

bool isDns1123Label(const std::string& s) {
  static const std::regex re("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  return s.size() <= 63 && std::regex_match(s, re);
}

bool isDns1035Label(const std::string& s) {
  static const std::regex re("^[a-z]([-a-z0-9]*[a-z0-9])?$");
  return s.size() <= 63 && std::regex_match(s, re);
}

bool isQualifiedName(const std::string& s) {
  static const std::regex name("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$");
  static const std::regex prefix("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  size_t slash = s.find('/');
  std::string n = slash == std::string::npos ? s : s.substr(slash + 1);
  if (n.empty() || n.size() > 63 || !std::regex_match(n, name)) return false;
  if (slash == std::string::npos) return true;
  std::string p = s.substr(0, slash);
  return !p.empty() && p.size() <= 253 && std::regex_match(p, prefix);
}

bool isLabelValue(const std::string& s) {
  static const std::regex re("^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$");
  return s.size() <= 63 && std::regex_match(s, re);
}

bool isPinnedImage(const std::string& image) { return !imagePinProblem(image); }

}  // namespace raylog
