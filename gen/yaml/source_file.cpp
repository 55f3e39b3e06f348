#include "yaml/source_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <yaml-cpp/depthguard.h>

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

std::vector<ParsedDocument> parseYamlStream(const std::string& text, const std::string& file) {
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
