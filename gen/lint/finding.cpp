#include "lint/finding.h"

#include <algorithm>
#include <cctype>

namespace raylog::lint {

const char* severityName(Severity s) {
  switch (s) {
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

bool parseSeverity(const std::string& text, Severity& out) {
  std::string t = text;
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
  if (t == "error") out = Severity::Error;
  else if (t == "warning") out = Severity::Warning;
  else if (t == "info") out = Severity::Info;
  else return false;
  return true;
}

}  // namespace raylog::lint
