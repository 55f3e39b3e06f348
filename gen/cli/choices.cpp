#include "cli/choices.h"

#include <map>

namespace raylog {

namespace {
std::map<const CLI::Option*, std::vector<std::string>>& registry() {
  static std::map<const CLI::Option*, std::vector<std::string>> table;
  return table;
}
}  // namespace

CLI::Option* withChoices(CLI::Option* option, std::vector<std::string> values) {
  std::string joined;
  for (const std::string& v : values) joined += (joined.empty() ? "" : "|") + v;
  if (values.size() <= 6) option->type_name(joined);  // a long list (rule IDs) would bury the help line
  registry()[option] = std::move(values);
  return option;
}

const std::vector<std::string>* choicesOf(const CLI::Option* option) {
  auto it = registry().find(option);
  return it == registry().end() ? nullptr : &it->second;
}

}  // namespace raylog
