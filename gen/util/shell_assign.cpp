#include "util/shell_assign.h"

#include "util/resources.h"
#include "util/shell_quote.h"

namespace raylog {

std::string shellAssign(const std::string& name, const std::string& value) {
  return name + "=" + shellQuote(value) + "\n";
}

std::string shellAssignArray(const std::string& name, const std::vector<std::string>& values) {
  std::string s = name + "=(";
  for (size_t i = 0; i < values.size(); ++i) s += (i ? " " : "") + shellQuote(values[i]);
  return s + ")\n";
}

std::string shellAssignHeredoc(const std::string& name, const std::string& body) {
  const std::string text = body.empty() || body.back() == '\n' ? body : body + "\n";
  const std::string end = heredocDelimiter(text, "RAYLOG_" + name);
  return name + "=$(cat <<'" + end + "'\n" + text + end + "\n)\n";
}

std::string setupScriptSteps(const char* cloudTemplate) {
  return "\n" + std::string(resource("templates/setup-script-common.sh")) + "\n" + std::string(resource(cloudTemplate));
}

}  // namespace raylog
