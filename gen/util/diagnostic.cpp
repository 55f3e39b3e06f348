#include "util/diagnostic.h"

#include <algorithm>

namespace raylog {

std::string locationText(const Location& where) {
  std::string out = where.file;
  if (where.line > 0) {
    out += ":" + std::to_string(where.line);
    if (where.column > 0) out += ":" + std::to_string(where.column);
  }
  return out;
}

std::string Diagnostic::format(const std::string& severity) const {
  return locationText(where) + ": " + severity + ": " + message;
}

static std::vector<Diagnostic> sorted(std::vector<Diagnostic> d) {
  std::stable_sort(d.begin(), d.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.where.file != b.where.file) return a.where.file < b.where.file;
    if (a.where.line != b.where.line) return a.where.line < b.where.line;
    return a.where.column < b.where.column;
  });
  return d;
}

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(diagnostics.empty() ? "invalid input" : diagnostics.front().format()),
      diagnostics_(sorted(std::move(diagnostics))) {}

InputError::InputError(Diagnostic diagnostic) : InputError(std::vector<Diagnostic>{std::move(diagnostic)}) {}

}  // namespace raylog
