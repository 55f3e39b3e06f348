// The classic Fluent Bit config reader on any text: never fails, every section and entry has
// the line it came from (in order, inside the text), and a config whose entries all pass the
// value gates is a fixpoint of write-then-read (what lint sees is what the writer would write).
#include <cstdint>

#include "agents/fluent_bit/fluent_bit_reader.h"
#include "agents/fluent_bit/fluent_bit_value.h"
#include "support/fuzz_check.h"
#include "support/fuzz_input.h"

namespace {

using namespace raylog;

void checkLines(const ParsedFluentBitConfig& parsed, int lines) {
  const auto& sections = parsed.config.sections;
  FUZZ_CHECK(parsed.lines.sectionLine.size() == sections.size() && parsed.lines.entryLine.size() == sections.size(),
             "a section without its line");
  int last = 0;
  for (size_t s = 0; s < sections.size(); ++s) {
    FUZZ_CHECK(parsed.lines.sectionLine[s] > last, "section lines out of order");
    last = parsed.lines.sectionLine[s];
    FUZZ_CHECK(parsed.lines.entryLine[s].size() == sections[s].entries.size(), "an entry without its line");
    for (int l : parsed.lines.entryLine[s]) {
      FUZZ_CHECK(l > last, "entry lines out of order");
      last = l;
    }
  }
  FUZZ_CHECK(last <= lines, "a line number past the end of the text");
  for (const auto& [line, what] : parsed.problems)
    FUZZ_CHECK(line >= 1 && line <= lines && !what.empty(), "a problem without a line or a message");
}

bool writable(const FluentBitConfig& config) {
  for (const FluentBitSection& s : config.sections)
    for (const auto& [key, value] : s.entries)
      if (fluentBitKeyProblem(key) || fluentBitValueProblem(value, true)) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text = fuzz::text(data, size);
  const ParsedFluentBitConfig parsed = readFluentBitConfig(text);
  checkLines(parsed, fuzz::lineCount(text));
  if (!writable(parsed.config)) return 0;
  const std::string written = parsed.config.render();
  const ParsedFluentBitConfig back = readFluentBitConfig(written);
  checkLines(back, fuzz::lineCount(written));
  FUZZ_CHECK(back.problems.empty() && back.includes.empty(), "the written config reads back with problems:\n" + written);
  FUZZ_CHECK(back.config.sections.size() == parsed.config.sections.size(), "sections changed:\n" + written);
  for (size_t s = 0; s < back.config.sections.size(); ++s) {
    FUZZ_CHECK(back.config.sections[s].name == parsed.config.sections[s].name,
               "section name '" + parsed.config.sections[s].name + "' reads back as '" + back.config.sections[s].name + "'");
    FUZZ_CHECK(back.config.sections[s].entries == parsed.config.sections[s].entries,
               "the entries of [" + parsed.config.sections[s].name + "] changed:\n" + written);
  }
  FUZZ_CHECK(back.config.render() == written, "write-read-write is not a fixpoint:\n" + written);
  return 0;
}
