#include "util/shell_quote.h"

namespace raylog {

std::string shellQuote(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

std::string heredocDelimiter(const std::string& body, const std::string& base) {
  std::string delimiter = base;
  for (int n = 1; ("\n" + body + "\n").find("\n" + delimiter + "\n") != std::string::npos; ++n)
    delimiter = base + "_" + std::to_string(n);
  return delimiter;
}

}  // namespace raylog
