#include "lint/config_helpers.h"

#include <algorithm>
#include <cctype>

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

}  // namespace raylog::lint
