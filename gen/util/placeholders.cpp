#include "util/placeholders.h"

#include <regex>

namespace raylog {

namespace {
// Shell names: letters, digits and '_', not starting with a digit. ${X:-d}, ${X-d} and the like
// are what envsubst-style tools and shells accept; Kubernetes' $(X) takes the C identifier too.
const char* const kEnvsubst = R"(\$\{[A-Za-z_][A-Za-z0-9_]*(?:[:]?[-=?+][^}]*)?\})";
const char* const kKubeRef = R"(\$\([A-Za-z_][A-Za-z0-9_]*\))";
}  // namespace

std::string firstEnvsubstPlaceholder(const std::string& text) {
  static const std::regex re(kEnvsubst);
  std::smatch m;
  return std::regex_search(text, m, re) ? m.str(0) : "";
}

bool isOnlyReferences(const std::string& text) {
  static const std::regex re(std::string("(?:") + kEnvsubst + "|" + kKubeRef + ")+");
  return !text.empty() && std::regex_match(text, re);
}

bool isBooleanOrNumber(const std::string& text) {
  // YAML 1.1 and Go's strconv.ParseBool spellings, integers, decimals and quantities (64Mi, 1e3).
  static const std::regex re(
      R"((?:true|false|yes|no|on|off|y|n|t|f|[-+]?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?(?:[kMGTPE]i?|m)?))",
      std::regex::icase);
  return std::regex_match(text, re);
}

}  // namespace raylog
