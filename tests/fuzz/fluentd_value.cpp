// The Fluentd value gate: a value it lets through, written with fluentdQuoted, reads back as the
// same literal (never double-quoted, where Fluentd would run "#{...}" as Ruby), on one line; a
// value it refuses cannot be written at all. fluentdEnvReference writes only environment names.
// Input: mode byte (bit 0: environment reference), then the value or name.
#include <cstdint>
#include <regex>
#include <stdexcept>

#include "agents/fluentd/fluentd_reader.h"
#include "agents/fluentd/fluentd_value.h"
#include "support/fuzz_check.h"
#include "support/fuzz_input.h"

namespace {

// The value of `key` in a <match> block holding the one line `line`.
std::string readBack(const std::string& line) {
  const std::string config = "<match **>\n  @type stdout\n  " + line + "\n</match>\n";
  const raylog::FluentdNode root = raylog::readFluentdConfig(config);
  FUZZ_CHECK(root.children.size() == 1 && root.params.empty(), "the value changed the structure: " + config);
  const raylog::FluentdNode& match = root.children[0];
  FUZZ_CHECK(match.name == "match" && match.arg == "**" && match.children.empty(), "the block changed: " + config);
  FUZZ_CHECK(match.params.size() == 2 && match.params[0].key == "@type" && match.params[0].value == "stdout" &&
                 match.params[1].key == "key",
             "the parameters changed: " + config);
  return match.params[1].value;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace raylog;
  if (size == 0) return 0;
  const std::string value = fuzz::text(data + 1, size - 1);
  if (data[0] & 1) {
    static const std::regex envName("^[A-Z_][A-Z0-9_]*$");
    std::string ref;
    try {
      ref = fluentdEnvReference(value);
    } catch (const std::logic_error&) {
      FUZZ_CHECK(!std::regex_match(value, envName), "an environment name was refused: " + value);
      return 0;
    }
    FUZZ_CHECK(std::regex_match(value, envName), "a reference was written for a non-name: " + ref);
    FUZZ_CHECK(readBack("key " + ref) == "#{ENV['" + value + "']}", "the reference reads back changed: " + ref);
    return 0;
  }
  std::string quoted;
  try {
    quoted = fluentdQuoted(value);
  } catch (const std::logic_error&) {
    FUZZ_CHECK(fluentdValueProblem(value).has_value(), "a value the gate lets through was refused");
    return 0;
  }
  FUZZ_CHECK(!fluentdValueProblem(value), "a value the gate refuses was written: " + quoted);
  FUZZ_CHECK(quoted.find('\n') == std::string::npos && quoted.find('\r') == std::string::npos, "written on two lines");
  FUZZ_CHECK(quoted.empty() || quoted.front() != '"', "written double-quoted, where Ruby runs: " + quoted);
  FUZZ_CHECK(readBack("key " + quoted) == value, "the value reads back changed: " + quoted);
  return 0;
}
