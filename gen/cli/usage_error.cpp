#include "cli/usage_error.h"

#include <iostream>

#include "cli/exit_codes.h"
#include "util/edit_distance.h"

namespace raylog {

namespace {

// The subcommand the user got to: "lint" in `raylog-gen lint --formt x`.
const CLI::App* deepestGiven(const CLI::App& app) {
  const CLI::App* current = &app;
  while (!current->get_subcommands().empty()) current = current->get_subcommands().back();
  return current;
}

// "raylog-gen plugin install".
std::string fullName(const CLI::App* app) {
  std::string name = app->get_name();
  for (app = app->get_parent(); app; app = app->get_parent()) name = app->get_name() + " " + name;
  return name;
}

bool visible(const CLI::App* sub) { return !sub->get_group().empty(); }

std::vector<std::string> subcommandNames(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App* s) { return visible(s); }))
    names.push_back(sub->get_name());
  return names;
}

// Every spelling of every option of this command and of those above it (options fall through).
std::vector<std::string> optionNames(const CLI::App* app) {
  std::vector<std::string> names;
  for (; app; app = app->get_parent())
    for (const CLI::Option* o : app->get_options([](const CLI::Option* o) { return o->nonpositional(); })) {
      for (const std::string& l : o->get_lnames()) names.push_back("--" + l);
      for (const std::string& s : o->get_snames()) names.push_back("-" + s);
    }
  return names;
}

std::string strayMessage(const CLI::App* command, const std::string& arg) {
  if (arg.size() > 1 && arg[0] == '-') {
    const std::string name = arg.substr(0, arg.find('='));
    return "unknown option '" + name + "' for '" + fullName(command) + "'" +
           didYouMean(name, optionNames(command));
  }
  const std::vector<std::string> commands = subcommandNames(*command);
  if (!commands.empty())
    return "unknown command '" + arg + "' for '" + fullName(command) + "'" + didYouMean(arg, commands);
  return "unexpected argument '" + arg + "' for '" + fullName(command) + "'";
}

}  // namespace

std::string firstStrayArgument(const CLI::App& app) {
  const std::vector<std::string> rest = app.remaining(true);
  return rest.empty() ? "" : rest.front();
}

int reportUsageError(const CLI::App& app, const std::string& parseError) {
  const CLI::App* command = deepestGiven(app);
  const std::string stray = firstStrayArgument(app);
  std::cerr << "raylog-gen: error: " << (stray.empty() ? parseError : strayMessage(command, stray)) << "\n\n"
            << command->help(command->get_parent() ? fullName(command->get_parent()) : "");
  return exit_code::kBadInput;
}

}  // namespace raylog
