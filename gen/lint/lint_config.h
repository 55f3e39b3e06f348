#pragma once
// .raylog-gen.yaml: project-wide lint settings, like .shellcheckrc or .clang-tidy.
//   disable: [RL115, tail-path-key-missing]
//   failOn: warning
//   operatorValues: kuberay-operator-values.yaml   # relative to this file's folder
#include <string>

#include "lint/finding.h"
#include "lint/linter.h"

namespace raylog::lint {

struct LintConfig {
  LintOptions options;
  Severity failOn = Severity::Error;
  bool failOnSet = false;
  std::string operatorValues;  // path of a kuberay-operator values file (lint --operator-values); "" = none
};

// Reads `path`; throws InputError with line:col for bad keys (did-you-mean) or values.
LintConfig readLintConfig(const std::string& path);

}  // namespace raylog::lint
