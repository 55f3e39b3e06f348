#pragma once
// One lint finding, and the rule metadata every reporter and `raylog-gen explain` share.
#include <string>
#include <vector>

#include "util/diagnostic.h"

namespace raylog::lint {

enum class Severity { Info = 0, Warning = 1, Error = 2 };

const char* severityName(Severity s);
// "error", "warning", "info" (case-insensitive) -> severity; false when none matches.
bool parseSeverity(const std::string& text, Severity& out);

struct Finding {
  std::string ruleId;
  Severity severity = Severity::Error;
  Location where;
  std::string message;  // one line: what is wrong here
};

struct RuleInfo {
  std::string id;         // stable, e.g. RL101
  std::string name;       // kebab-case, e.g. ray-log-volume-missing
  Severity severity;      // default severity
  std::string summary;    // one line
  std::string fix;        // one line: how to fix
  std::string explanation;  // paragraphs, then a bad and a good example
};

}  // namespace raylog::lint
