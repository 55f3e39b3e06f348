#pragma once
// Output formats over the same findings: text for people (rule ID and a fix hint), JSON,
// SARIF 2.1.0 (GitHub code scanning) and GitHub workflow annotations.
#include <string>

#include "lint/linter.h"

namespace raylog::lint {

enum class Format { Text, Json, Sarif, Github };

bool parseFormat(const std::string& text, Format& out);

// color: ANSI colours on the text format (severity, location); the other formats are for machines.
std::string formatFindings(const LintResult& result, Format format, bool color = false);

}  // namespace raylog::lint
