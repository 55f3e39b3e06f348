#include "agents/fluent_bit/fluent_bit_reader.h"

#include <sstream>

namespace raylog {

static std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return "";
  size_t b = s.find_last_not_of(" \t\r");
  return s.substr(a, b - a + 1);
}

ParsedFluentBitConfig readFluentBitConfig(const std::string& text) {
  ParsedFluentBitConfig out;
  std::istringstream in(text);
  std::string raw;
  int lineNo = 0;
  while (std::getline(in, raw)) {
    ++lineNo;
    const std::string line = trim(raw);
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '@') {
      std::istringstream words(line);
      std::string directive, arg;
      words >> directive >> arg;
      if (directive == "@INCLUDE") out.includes.push_back(arg);
      continue;  // @SET and friends do not change the structure lint checks
    }
    if (line.front() == '[') {
      if (line.back() != ']') {
        out.problems.push_back({lineNo, "section header without a closing ']'"});
        continue;
      }
      out.config.add(trim(line.substr(1, line.size() - 2)));
      out.lines.sectionLine.push_back(lineNo);
      out.lines.entryLine.emplace_back();
      continue;
    }
    if (out.config.sections.empty()) {
      out.problems.push_back({lineNo, "entry outside any [SECTION]"});
      continue;
    }
    size_t space = line.find_first_of(" \t");
    const std::string key = line.substr(0, space);
    const std::string value = space == std::string::npos ? "" : trim(line.substr(space));
    out.config.sections.back().entries.emplace_back(key, value);  // keep duplicates as written
    out.lines.entryLine.back().push_back(lineNo);
  }
  return out;
}

bool fluentBitTagMatches(const std::string& pattern, const std::string& tag) {
  // Iterative wildcard match with backtracking to the last '*'.
  size_t p = 0, t = 0, star = std::string::npos, mark = 0;
  while (t < tag.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && pattern[p] == tag[t]) {
      ++p;
      ++t;
    } else if (star != std::string::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace raylog
