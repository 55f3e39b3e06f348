// The YAML-format Fluent Bit config reader on any text: never fails, every section and entry has
// a line inside the text, and a config the writer accepts is a fixpoint of write-then-read (what
// lint sees is what the writer would write), with the same sections, entries (grouped by key, as
// the format writes a repeated key as one list) and multiline rules.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <stdexcept>

#include "agents/fluent_bit/fluent_bit_yaml.h"
#include "agents/fluent_bit/fluent_bit_yaml_reader.h"
#include "support/fuzz_check.h"
#include "support/fuzz_input.h"

namespace {

using namespace raylog;

void checkLines(const ParsedFluentBitConfig& parsed, int lines) {
  const auto& sections = parsed.config.sections;
  FUZZ_CHECK(parsed.lines.sectionLine.size() == sections.size() && parsed.lines.entryLine.size() == sections.size(),
             "a section without its line");
  for (size_t s = 0; s < sections.size(); ++s) {
    FUZZ_CHECK(parsed.lines.sectionLine[s] >= 1 && parsed.lines.sectionLine[s] <= lines, "a section line outside the text");
    FUZZ_CHECK(parsed.lines.entryLine[s].size() == sections[s].entries.size(), "an entry without its line");
    for (int l : parsed.lines.entryLine[s]) FUZZ_CHECK(l >= 1 && l <= lines, "an entry line outside the text");
  }
  for (const auto& [line, what] : parsed.problems)
    FUZZ_CHECK(line >= 1 && line <= std::max(lines, 1) && !what.empty(), "a problem without a line or a message");
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// A section's entries as the YAML format holds them: keys lower-cased, a repeated key's values
// together at its first place.
std::vector<std::pair<std::string, std::string>> grouped(const FluentBitSection& s) {
  std::vector<std::string> order;
  for (const auto& e : s.entries)
    if (std::find(order.begin(), order.end(), lower(e.first)) == order.end()) order.push_back(lower(e.first));
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& key : order)
    for (const auto& e : s.entries)
      if (lower(e.first) == key) out.emplace_back(key, e.second);
  return out;
}

bool sameRules(const FluentBitSection& a, const FluentBitSection& b) {
  if (a.rules.size() != b.rules.size()) return false;
  for (size_t i = 0; i < a.rules.size(); ++i)
    if (a.rules[i].state != b.rules[i].state || a.rules[i].regex != b.rules[i].regex || a.rules[i].next != b.rules[i].next)
      return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text = fuzz::text(data, size);
  (void)isFluentBitYaml(text);
  const ParsedFluentBitConfig parsed = readFluentBitYaml(text);
  checkLines(parsed, fuzz::lineCount(text));
  std::string written;
  try {
    written = renderFluentBitYaml(parsed.config);
  } catch (const std::logic_error&) {
    return 0;  // a key, value or shape the writer refuses (its gate is fuzzed on its own)
  }
  const ParsedFluentBitConfig back = readFluentBitYaml(written);
  checkLines(back, fuzz::lineCount(written));
  FUZZ_CHECK(back.problems.empty(), "the written config reads back with problems:\n" + written);
  FUZZ_CHECK(back.config.sections.size() == parsed.config.sections.size(), "sections changed:\n" + written);
  // The writer puts sections in the format's order (service, parsers, multiline parsers,
  // inputs, filters, outputs); within a kind the order is kept.
  for (const char* kind : {"SERVICE", "PARSER", "MULTILINE_PARSER", "INPUT", "FILTER", "OUTPUT"}) {
    std::vector<const FluentBitSection*> was, now;
    for (const FluentBitSection& s : parsed.config.sections)
      if (s.name == kind) was.push_back(&s);
    for (const FluentBitSection& s : back.config.sections)
      if (s.name == kind) now.push_back(&s);
    FUZZ_CHECK(was.size() == now.size(), std::string("the number of ") + kind + " sections changed:\n" + written);
    for (size_t i = 0; i < was.size(); ++i) {
      FUZZ_CHECK(grouped(*was[i]) == now[i]->entries, std::string("the entries of a ") + kind + " changed:\n" + written);
      FUZZ_CHECK(sameRules(*was[i], *now[i]), std::string("the rules of a ") + kind + " changed:\n" + written);
    }
  }
  FUZZ_CHECK(renderFluentBitYaml(back.config) == written, "write-read-write is not a fixpoint:\n" + written);
  return 0;
}
