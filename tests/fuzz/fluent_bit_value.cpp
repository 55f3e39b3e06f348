// The Fluent Bit value gate: whatever it lets through reads back from the written config as the
// same key and value in the same section, and adds no line, section or directive; whatever it
// refuses, the config writer refuses too. Input: flags byte (bit 0: allow ${NAME}), then
// KEY NUL VALUE (no NUL: the whole rest is the value of "Path").
#include <cstdint>
#include <stdexcept>

#include "agents/fluent_bit/fluent_bit_config.h"
#include "agents/fluent_bit/fluent_bit_reader.h"
#include "agents/fluent_bit/fluent_bit_value.h"
#include "support/fuzz_check.h"
#include "support/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace raylog;
  if (size == 0) return 0;
  const bool allowEnv = data[0] & 1;
  const std::string rest = fuzz::text(data + 1, size - 1);
  const size_t nul = rest.find('\0');
  const std::string key = nul == std::string::npos ? "Path" : rest.substr(0, nul);
  const std::string value = nul == std::string::npos ? rest : rest.substr(nul + 1);

  FluentBitConfig config;
  config.add("INPUT").append("Name", "tail").append(key, value);
  // The writer is the last line of defence and checks at the most permissive level.
  const bool writable = !fluentBitKeyProblem(key) && !fluentBitValueProblem(value, true);
  std::string written;
  try {
    written = config.render();
  } catch (const std::logic_error&) {
    FUZZ_CHECK(!writable, "the writer refused a key and value the gates let through");
    return 0;
  }
  FUZZ_CHECK(writable, "the writer wrote a key or value a gate refuses: " + written);
  if (fluentBitValueProblem(value, allowEnv)) return 0;

  FUZZ_CHECK(fuzz::lineCount(written) == 3, "the value added lines: " + written);
  const ParsedFluentBitConfig back = readFluentBitConfig(written);
  FUZZ_CHECK(back.problems.empty() && back.includes.empty(), "the written config reads back with problems: " + written);
  FUZZ_CHECK(back.config.sections.size() == 1 && back.config.sections[0].name == "INPUT", "sections changed: " + written);
  const auto& entries = back.config.sections[0].entries;
  FUZZ_CHECK(entries.size() == 2, "entries changed: " + written);
  FUZZ_CHECK(entries[1].first == key, "the key reads back as '" + entries[1].first + "'");
  FUZZ_CHECK(entries[1].second == value, "the value reads back as '" + entries[1].second + "'");
  if (!allowEnv) FUZZ_CHECK(value.find("${") == std::string::npos, "a user value references the environment");
  return 0;
}
