#pragma once
// Runs every enabled rule over files, folders and stdin in one pass: each file is parsed once and
// linted with its own agent ConfigMaps, files spread over the cores, findings kept in input
// order. A file whose pods mount a ConfigMap defined elsewhere in the input is linted again with
// it. Memory grows with the findings, not with the number of files.
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "k8s/operator_config.h"
#include "lint/finding.h"

namespace raylog::lint {

struct LintOptions {
  std::set<std::string> disabled;  // rule IDs (or names)
  std::string stdinName;           // what findings in standard input ("-") are called; "" = <stdin>
  unsigned threads = 0;            // files linted at once; 0 = one per usable core
  // lint --operator-values: the sidecars KubeRay's operator appends to every Ray pod; null when
  // the clusters carry their own agents (the RL13x rules then have nothing to check).
  std::shared_ptr<const OperatorSidecars> operatorSidecars;
};

struct LintResult {
  std::vector<Finding> findings;  // in input order, then by position
  size_t filesRead = 0;
  std::vector<Diagnostic> unreadable;  // inputs that could not be read at all
};

LintResult runLint(const std::vector<std::string>& paths, const LintOptions& options);

// The same findings the slow way, one thread: every agent ConfigMap of the input indexed first,
// then each file linted against that index. The reference runLint is tested against.
LintResult runLintTwoPass(const std::vector<std::string>& paths, const LintOptions& options);

// Lints a stream already in memory, as if it came on standard input (findings name "<stdin>").
LintResult lintText(const std::string& text, const LintOptions& options);

// Lints `text` as if it were the file `name` (lint --fix weighs a rewrite before writing it).
LintResult runLintOnText(const std::string& text, const std::string& name, const LintOptions& options);

// Annotation on an object that silences rules for it: "RL101,RL202".
inline constexpr const char* kIgnoreAnnotation = "raylog-gen.dev/ignore";

}  // namespace raylog::lint
