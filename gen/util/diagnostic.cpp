#include "util/diagnostic.h"

#include <algorithm>
#include <cstdio>

namespace raylog {

// One diagnostic is one line: line breaks and other control characters a message quotes from the
// input (yaml-cpp's "unknown escape character: <newline>", a key with "\n") are shown escaped.
std::string oneLine(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if ((c < 0x20 && c != '\t') || c == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string locationText(const Location& where) {
  std::string out = where.file;
  if (where.line > 0) {
    out += ":" + std::to_string(where.line);
    if (where.column > 0) out += ":" + std::to_string(where.column);
  }
  return oneLine(out);
}

std::string Diagnostic::format(const std::string& severity) const {
  return locationText(where) + ": " + severity + ": " + oneLine(message);
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
