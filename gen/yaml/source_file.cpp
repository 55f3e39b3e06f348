#include "yaml/source_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <optional>
#include <algorithm>
#include <cstdio>
#include <yaml-cpp/depthguard.h>

#include "util/utf8.h"

namespace raylog {

std::string displayName(const std::string& path) { return path == "-" ? "<stdin>" : path; }

Location locationOf(const YAML::Mark& mark, const std::string& file) {
  if (mark.is_null()) return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1};
}

static std::string readBounded(std::istream& in, const std::string& name) {
  std::string text;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxInputBytes)
      throw InputError(Diagnostic{{name, 0, 0},
                                  "input is larger than " + std::to_string(kMaxInputBytes / (1024 * 1024)) +
                                      " MiB; split it into smaller files"});
  }
  return text;
}

std::string readInputFile(const std::string& path) {
  const std::string name = displayName(path);
  if (path == "-") return readBounded(std::cin, name);

  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    std::string why = errno == ENOENT ? "no such file" : std::strerror(errno);
    throw InputError(Diagnostic{{name, 0, 0}, "cannot read file: " + why + "; check the path"});
  }
  if (S_ISDIR(st.st_mode))
    throw InputError(Diagnostic{{name, 0, 0}, "is a directory, expected a YAML file"});
  if (!S_ISREG(st.st_mode))
    throw InputError(Diagnostic{{name, 0, 0}, "is not a regular file; pass a YAML file, or '-' for standard input"});
  if (static_cast<unsigned long long>(st.st_size) > kMaxInputBytes)
    throw InputError(Diagnostic{{name, 0, 0},
                                "file is larger than " + std::to_string(kMaxInputBytes / (1024 * 1024)) +
                                    " MiB; split it into smaller files"});
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError(Diagnostic{{name, 0, 0}, std::string("cannot read file: ") + std::strerror(errno) +
                                                  "; check its permissions"});
  }
  return readBounded(in, name);
}

// The parser may stop past the last line (unclosed brackets); point at the last line instead.
static Location clampToText(Location where, const std::string& text) {
  int lines = 0;
  for (char c : text) lines += c == '\n';
  if (!text.empty() && text.back() != '\n') ++lines;
  if (lines > 0 && where.line > lines) {
    where.line = lines;
    where.column = 1;
  }
  return where;
}

// yaml-cpp 0.7 loops, allocating without bound, on a ',' where a node should start outside
// [ ] and { } (",a", "[a], b", "--- ,"). Such a comma is invalid YAML anyway: find it first.
// Tracks quotes, comments, flow depth and block scalars just well enough for that.
static std::optional<Location> strayComma(const std::string& text, const std::string& file) {
  int depth = 0, line = 1, blockIndent = -1;
  size_t lineStart = 0;
  auto indentOf = [&](size_t at) {
    size_t i = at;
    while (i < text.size() && text[i] == ' ') ++i;
    return static_cast<int>(i - at);
  };
  // A quote opens a quoted scalar only where a node starts: first on its line, after "- ", "? " or
  // ": " (or a flow indicator); inside a plain scalar (name:"x, it's, a "b) it is an ordinary character.
  auto nodeStartsAt = [&](size_t at) {
    std::string before = text.substr(lineStart, at - lineStart);
    before.erase(before.find_last_not_of(" \t") + 1);
    if (before.empty()) return true;
    const char last = before.back();
    const bool blank = at > lineStart + before.size();
    return std::string("[{,").find(last) != std::string::npos || (last == ':' && (blank || depth > 0)) ||
           ((last == '-' || last == '?') && blank);
  };
  for (size_t i = 0; i < text.size(); ++i) {
    if (i == lineStart && blockIndent >= 0) {
      // Inside a block scalar: skip lines indented deeper than its parent, and blank lines.
      size_t eol = text.find('\n', i);
      const bool blank = text.find_first_not_of(" \r", i) == eol;
      if (blank || indentOf(i) > blockIndent) {
        if (eol == std::string::npos) break;
        i = eol;
        ++line;
        lineStart = eol + 1;
        continue;
      }
      blockIndent = -1;
    }
    const char c = text[i];
    if (c == '\n') {
      ++line;
      lineStart = i + 1;
      continue;
    }
    const bool tokenStart = i == lineStart || text[i - 1] == ' ' || text[i - 1] == '\t';
    if (c == '#' && tokenStart) {
      i = std::min(text.find('\n', i), text.size()) - 1;
    } else if ((c == '"' || c == '\'') && nodeStartsAt(i)) {
      for (++i; i < text.size() && text[i] != c; ++i) {
        if (c == '"' && text[i] == '\\') ++i;
        if (i < text.size() && text[i] == '\n') ++line, lineStart = i + 1;
      }
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    } else if ((c == '|' || c == '>') && depth == 0 && tokenStart) {
      blockIndent = indentOf(lineStart);
      i = std::min(text.find('\n', i), text.size()) - 1;  // the rest of the line is its header
    } else if (c == ',' && depth == 0) {
      std::string before = text.substr(lineStart, i - lineStart);
      before.erase(before.find_last_not_of(" \t") + 1);
      while (true) {  // a tag or anchor before the comma (!t , and &a ,) leaves it at the node's start
        if (before.empty() || std::string("-:?]}\"'").find(before.back()) != std::string::npos)
          return Location{file, line, static_cast<int>(i - lineStart) + 1};
        const size_t blank = before.find_last_of(" \t");
        const size_t token = blank == std::string::npos ? 0 : blank + 1;
        if (before[token] != '!' && before[token] != '&') break;
        before.erase(token);
        before.erase(before.find_last_not_of(" \t") + 1);
      }
    }
  }
  return std::nullopt;
}

// Where byte `at` of `text` is, as line and column (bytes, 1-based).
static Location byteLocation(const std::string& text, size_t at, const std::string& file) {
  const size_t lineStart = at == 0 ? 0 : text.rfind('\n', at - 1) + 1;  // npos + 1 == 0
  const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  return {file, line, 1 + static_cast<int>(at - lineStart)};
}

std::vector<ParsedDocument> parseYamlStream(const std::string& text, const std::string& file) {
  if (const size_t bad = invalidUtf8At(text); bad != std::string::npos) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[bad]));
    throw InputError(Diagnostic{byteLocation(text, bad, file), std::string("invalid YAML: byte ") + hex +
                                                                   " is not UTF-8; save the file as UTF-8"});
  }
  // YAML excludes NUL, and yaml-cpp takes NULs near the start for UTF-16/UTF-32 and decodes the
  // rest into garbage code points.
  if (const size_t nul = text.find('\0'); nul != std::string::npos)
    throw InputError(Diagnostic{byteLocation(text, nul, file),
                                "invalid YAML: a NUL byte (0x00); YAML text cannot contain it, remove it"});
  if (auto comma = strayComma(text, file))
    throw InputError(Diagnostic{*comma, "invalid YAML: a ',' cannot start a value outside [ ] or { }; remove it, or "
                                        "quote the value if the comma belongs to it"});
  std::vector<ParsedDocument> docs;
  try {
    for (const YAML::Node& n : YAML::LoadAll(text)) docs.push_back({n, locationOf(n.Mark(), file)});
  } catch (const YAML::ParserException& e) {  // includes YAML::DeepRecursion
    std::string msg = e.msg;
    if (dynamic_cast<const YAML::DeepRecursion*>(&e)) msg = "nesting is too deep";
    throw InputError(Diagnostic{clampToText(locationOf(e.mark, file), text), "invalid YAML: " + msg});
  } catch (const YAML::Exception& e) {
    throw InputError(Diagnostic{clampToText(locationOf(e.mark, file), text), "invalid YAML: " + e.msg});
  }
  return docs;
}

}  // namespace raylog
