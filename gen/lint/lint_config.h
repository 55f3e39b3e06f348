#pragma once
// .raylog-gen.yaml: project-wide lint settings, like .shellcheckrc or .clang-tidy.
//   disable: [RL115, tail-path-key-missing]
//   failOn: warning
#include <string>

#include "lint/finding.h"
#include "lint/linter.h"

namespace raylog::lint {

struct LintConfig {
  LintOptions options;
  Severity failOn = Severity::Error;
  bool failOnSet = false;
};

// Reads `path`; throws InputError with line:col for bad keys (did-you-mean) or values.
LintConfig readLintConfig(const std::string& path);

}  // namespace raylog::lint
