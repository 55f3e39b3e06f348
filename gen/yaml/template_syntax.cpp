#include "yaml/template_syntax.h"

namespace raylog {

namespace {

bool startsValue(const std::string& text, size_t i, size_t lineStart) {
  // A quote opens a quoted scalar only where a scalar begins: line start, or after ": ", "- ",
  // "[", "{", "," or "? " (possibly with spaces between).
  size_t j = i;
  while (j > lineStart && (text[j - 1] == ' ' || text[j - 1] == '\t')) --j;
  if (j == lineStart) return true;
  const char before = text[j - 1];
  return before == ':' || before == '-' || before == '[' || before == '{' || before == ',' || before == '?';
}

int indentOf(const std::string& text, size_t lineStart) {
  size_t i = lineStart;
  while (i < text.size() && text[i] == ' ') ++i;
  return static_cast<int>(i - lineStart);
}

}  // namespace

std::optional<Diagnostic> findTemplateSyntax(const std::string& text, const std::string& file) {
  int line = 1, blockIndent = -1;
  size_t lineStart = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i == lineStart && blockIndent >= 0) {
      // Inside a block scalar: its lines are text, whatever they hold.
      const size_t eol = text.find('\n', i);
      const bool blank = text.find_first_not_of(" \r", i) == eol;
      if (blank || indentOf(text, i) > blockIndent) {
        if (eol == std::string::npos) break;
        i = eol;
        ++line;
        lineStart = eol + 1;
        continue;
      }
      blockIndent = -1;
    }
    const char c = text[i];
    const bool tokenStart = i == lineStart || text[i - 1] == ' ' || text[i - 1] == '\t';
    if (c == '\n') {
      ++line;
      lineStart = i + 1;
    } else if (c == '#' && tokenStart) {
      const size_t eol = text.find('\n', i);
      if (eol == std::string::npos) break;
      i = eol - 1;
    } else if ((c == '"' || c == '\'') && startsValue(text, i, lineStart)) {
      for (++i; i < text.size() && text[i] != c; ++i) {
        if (c == '"' && text[i] == '\\') ++i;
        if (i < text.size() && text[i] == '\n') ++line, lineStart = i + 1;
      }
    } else if ((c == '|' || c == '>') && tokenStart && startsValue(text, i, lineStart)) {
      blockIndent = indentOf(text, lineStart);
    } else if (c == '{' && i + 1 < text.size() && text[i + 1] == '{') {
      return Diagnostic{{file, line, static_cast<int>(i - lineStart) + 1},
                        "Go/Helm template syntax '{{': raylog-gen reads rendered manifests, and never rewrites "
                        "templates; render it first and pass the result on standard input, e.g. "
                        "`helm template RELEASE CHART | raylog-gen lint -` (or `envsubst < FILE | raylog-gen lint -` "
                        "for ${VAR} templates)"};
    }
  }
  return std::nullopt;
}

}  // namespace raylog
