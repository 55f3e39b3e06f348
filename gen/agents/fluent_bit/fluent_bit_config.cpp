#include "agents/fluent_bit/fluent_bit_config.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "agents/fluent_bit/fluent_bit_value.h"

namespace raylog {

static bool equalsIgnoreCase(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

FluentBitSection& FluentBitSection::set(const std::string& key, const std::string& value) {
  for (auto& e : entries)
    if (equalsIgnoreCase(e.first, key)) {
      e.second = value;
      return *this;
    }
  entries.emplace_back(key, value);
  return *this;
}

FluentBitSection& FluentBitSection::append(const std::string& key, const std::string& value) {
  entries.emplace_back(key, value);
  return *this;
}

std::string FluentBitSection::get(const std::string& key) const {
  for (const auto& e : entries)
    if (equalsIgnoreCase(e.first, key)) return e.second;
  return "";
}

FluentBitSection& FluentBitConfig::add(const std::string& name) {
  sections.push_back({name, {}});
  return sections.back();
}

std::string FluentBitConfig::render() const {
  std::string out;
  for (size_t i = 0; i < sections.size(); ++i) {
    const FluentBitSection& s = sections[i];
    if (i > 0) out += "\n";
    out += "[" + s.name + "]\n";
    size_t width = 0;
    for (const auto& e : s.entries) width = std::max(width, e.first.size());
    for (const auto& e : s.entries) {
      if (auto p = fluentBitKeyProblem(e.first)) throw std::logic_error("Fluent Bit key '" + e.first + "' " + *p);
      if (auto p = fluentBitValueProblem(e.second, true))
        throw std::logic_error("Fluent Bit value for " + e.first + " " + *p);
      out += "    " + e.first + std::string(width - e.first.size() + 1, ' ') + e.second + "\n";
    }
  }
  return out;
}

}  // namespace raylog
