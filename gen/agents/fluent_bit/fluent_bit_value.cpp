#include "agents/fluent_bit/fluent_bit_value.h"

#include <regex>

namespace raylog {

std::optional<std::string> fluentBitValueProblem(const std::string& value, bool allowEnvReference) {
  if (value.empty()) return "is empty";
  for (unsigned char c : value) {
    if (c == '\n' || c == '\r') return "contains a line break, which would start a new line of the Fluent Bit config";
    if (c < 0x20 || c == 0x7f) return "contains a control character";
  }
  if (value.front() == ' ' || value.front() == '\t' || value.back() == ' ' || value.back() == '\t')
    return "starts or ends with blanks, which Fluent Bit trims";
  if (value.front() == '[') return "starts with '[', which reads as a section header";
  if (value.front() == '@') return "starts with '@', which reads as a config directive";
  if (value.front() == '#') return "starts with '#', which reads as a comment";
  if (value.find("${") != std::string::npos) {
    // Only raylog-gen's own values may reference the environment, and only as ${NAME}.
    static const std::regex anyRef("\\$\\{"), wellFormed("\\$\\{[A-Z_][A-Z0-9_]*\\}");
    const std::string rest = std::regex_replace(value, wellFormed, "");
    if (!allowEnvReference || std::regex_search(rest, anyRef))
      return "contains '${', which Fluent Bit expands from the environment";
  }
  return std::nullopt;
}

std::optional<std::string> fluentBitKeyProblem(const std::string& key) {
  static const std::regex re("^[A-Za-z][A-Za-z0-9_.-]*$");
  if (!std::regex_match(key, re)) return "is not a valid Fluent Bit key (letters, digits, '_', '.', '-')";
  return std::nullopt;
}

}  // namespace raylog
