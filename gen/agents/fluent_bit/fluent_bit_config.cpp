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

FluentBitSection& FluentBitSection::rule(const std::string& state, const std::string& regex, const std::string& next) {
  rules.push_back({state, regex, next});
  return *this;
}

FluentBitSection& FluentBitConfig::add(const std::string& name) {
  sections.emplace_back();
  sections.back().name = name;
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
    // Rule "state" "/regex/" "next": Fluent Bit splits the quoted tokens and unescapes only \"
    // (src/flb_slist.c), so a part that holds '"' cannot be written.
    for (const FluentBitRule& r : s.rules) {
      std::string quoted;
      for (const std::string& part : {r.state, r.regex, r.next}) {
        if (part.find('"') != std::string::npos || fluentBitValueProblem(part))
          throw std::logic_error("Fluent Bit multiline rule part '" + part + "' cannot be written");
        quoted += (quoted.empty() ? "\"" : " \"") + part + "\"";
      }
      out += "    Rule" + std::string(std::max<size_t>(width, 4) - 4 + 1, ' ') + quoted + "\n";
    }
  }
  return out;
}

}  // namespace raylog
