#pragma once
// The one way a value enters a generated shell script: as a single-quoted word. Inside single
// quotes the shell expands nothing ($(...), `...`, $VAR, globs); a quote in the value is closed,
// escaped and reopened ('\''), so every value reaches its command as one literal argument.
#include <string>

namespace raylog {

std::string shellQuote(const std::string& value);

// A here-document delimiter that does not occur as a line of `body`.
std::string heredocDelimiter(const std::string& body, const std::string& base);

}  // namespace raylog
