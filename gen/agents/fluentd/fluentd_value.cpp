#include "agents/fluentd/fluentd_value.h"

#include <regex>
#include <stdexcept>

namespace raylog {

std::optional<std::string> fluentdValueProblem(const std::string& value) {
  for (unsigned char c : value) {
    if (c == '\n' || c == '\r') return "contains a line break, which would start a new line of the Fluentd config";
    if (c < 0x20 || c == 0x7f) return "contains a control character";
  }
  return std::nullopt;
}

std::string fluentdQuoted(const std::string& value) {
  if (fluentdValueProblem(value)) throw std::logic_error("unchecked value reached the Fluentd config");
  // A plain token reads back unchanged: no blanks, quotes, '#', '\', '<' or '>'.
  static const std::regex plain("^[A-Za-z0-9_./:*@+=,%-]+$");
  if (std::regex_match(value, plain)) return value;
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string fluentdEnvReference(const std::string& name) {
  static const std::regex envName("^[A-Z_][A-Z0-9_]*$");
  if (!std::regex_match(name, envName)) throw std::logic_error("not an environment variable name: " + name);
  return "\"#{ENV['" + name + "']}\"";
}

}  // namespace raylog
