// The shell gate: a quoted value is one word that reads back as the same literal, whatever
// the shell would otherwise expand or split, placed between other words of a command; a
// here-document delimiter never occurs as a line of its body. A NUL cannot be part of a shell
// word at all: values reaching scripts come through the spec schema, which spec_render checks.
// Input: mode byte (bit 0: heredoc), then VALUE, or BODY NUL BASE.
#include <cstdint>

#include "support/fuzz_check.h"
#include "support/fuzz_input.h"
#include "support/posix_words.h"
#include "util/shell_quote.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace raylog;
  if (size == 0) return 0;
  const std::string rest = fuzz::text(data + 1, size - 1);
  if (data[0] & 1) {
    const size_t nul = rest.find('\0');
    if (nul == std::string::npos) return 0;
    const std::string body = rest.substr(0, nul), base = rest.substr(nul + 1);
    if (base.empty() || base.find('\n') != std::string::npos || body.size() > 4096) return 0;
    const std::string delimiter = heredocDelimiter(body, base);
    FUZZ_CHECK(delimiter.rfind(base, 0) == 0, "the delimiter does not start with its base: " + delimiter);
    FUZZ_CHECK(("\n" + body + "\n").find("\n" + delimiter + "\n") == std::string::npos,
               "the delimiter is a line of the body: " + delimiter);
    return 0;
  }
  if (rest.find('\0') != std::string::npos) return 0;
  const std::string quoted = shellQuote(rest);
  const auto words = fuzz::readShellWords("printf " + quoted + " next");
  FUZZ_CHECK(words.has_value(), "the quoted value leaves something for the shell to expand: " + quoted);
  FUZZ_CHECK(words->size() == 3 && (*words)[0] == "printf" && (*words)[2] == "next",
             "the quoted value split the command: " + quoted);
  FUZZ_CHECK((*words)[1] == rest, "the quoted value reads back as '" + (*words)[1] + "'");
  return 0;
}
