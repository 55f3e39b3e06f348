#include "lint/config_helpers.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace raylog::lint {

bool sameWord(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::vector<size_t> sectionsOf(const FluentBitConfig& c, const std::string& section, const std::string& plugin) {
  std::vector<size_t> out;
  for (size_t i = 0; i < c.sections.size(); ++i)
    if (sameWord(c.sections[i].name, section) && (plugin.empty() || sameWord(c.sections[i].get("Name"), plugin)))
      out.push_back(i);
  return out;
}

int lineOf(const ParsedFluentBitConfig& p, size_t section, const std::string& key) {
  const auto& entries = p.config.sections[section].entries;
  for (size_t j = 0; j < entries.size(); ++j)
    if (sameWord(entries[j].first, key)) return p.lines.entryLine[section][j];
  return p.lines.sectionLine[section];
}

// One character of `pattern` at p against c: 1 + the pattern length it used, or 0 for no match.
static size_t matchOne(const std::string& pattern, size_t p, char c) {
  if (c == '/') return pattern[p] == '/' ? 1 : 0;  // wildcards stay within a path component
  if (pattern[p] == '?') return 1;
  if (pattern[p] != '[') return pattern[p] == c ? 1 : 0;
  const size_t close = pattern.find(']', p + 1);
  if (close == std::string::npos) return 0;
  const std::string set = pattern.substr(p + 1, close - p - 1);
  const bool negate = !set.empty() && (set[0] == '!' || set[0] == '^');
  bool hit = false;
  for (size_t i = negate ? 1 : 0; i < set.size(); ++i)
    hit = hit || (i + 2 < set.size() && set[i + 1] == '-' ? (c >= set[i] && c <= set[i += 2]) : set[i] == c);
  return hit != negate ? close - p + 1 : 0;
}

bool globMatches(const std::string& pattern, const std::string& path) {
  size_t p = 0, s = 0, starP = std::string::npos, starS = 0;
  while (s < path.size()) {
    size_t used = 0;
    if (p < pattern.size() && pattern[p] == '*') {
      starP = p++;
      starS = s;
    } else if (p < pattern.size() && (used = matchOne(pattern, p, path[s])) > 0) {
      p += used;
      ++s;
    } else if (starP != std::string::npos && path[starS] != '/') {  // let the last '*' take one more
      p = starP + 1;
      s = ++starS;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::vector<std::string> pathPatterns(const std::string& value) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= value.size()) {
    size_t end = value.find(',', start);
    if (end == std::string::npos) end = value.size();
    std::string part = value.substr(start, end - start);
    part.erase(0, part.find_first_not_of(" \t"));
    part.erase(part.find_last_not_of(" \t") + 1);
    if (!part.empty()) out.push_back(part);
    start = end + 1;
  }
  return out;
}

bool firstWordStartsWith(const std::string& line, const char* firsts) {
  const size_t first = line.find_first_not_of(" \t\n\v\f\r");
  return first != std::string::npos && std::strchr(firsts, line[first]) != nullptr;
}

}  // namespace raylog::lint
