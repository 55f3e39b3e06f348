#include "cli/exit_codes.h"

#include <stdexcept>

namespace raylog::exit_code {

static const char* meaning(int code) {
  switch (code) {
    case kOk: return "success";
    case kFindings: return "lint found problems at or above --fail-on (default: error)";
    case kBadInput: return "invalid input (spec or manifest), an unreadable input, or wrong command-line usage";
    case kWriteFailed: return "an output file could not be written";
    case kInternal: return "internal error in raylog-gen (please report it)";
  }
  throw std::logic_error("exit code " + std::to_string(code) + " has no meaning");
}

std::string footer(std::initializer_list<int> codes) {
  std::string out = "Exit codes:\n";
  for (int code : codes) {
    std::string number = std::to_string(code);
    out += "  " + number + std::string(4 - number.size(), ' ') + meaning(code) + "\n";
  }
  return out;
}

}  // namespace raylog::exit_code
