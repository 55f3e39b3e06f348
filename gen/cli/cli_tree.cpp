#include "cli/cli_tree.h"

#include "cli/choices.h"

namespace raylog {

namespace {

CliArgument describeOption(const CLI::Option& o) {
  CliArgument a;
  for (const std::string& s : o.get_snames()) a.flags.push_back("-" + s);
  for (const std::string& l : o.get_lnames()) a.flags.push_back("--" + l);
  a.name = a.flags.empty() ? o.get_name(true) : a.flags.back();
  a.description = o.get_description();
  a.takesValue = o.get_expected_max() > 0;  // add_flag sets expected(0)
  a.many = !o.nonpositional() && o.get_items_expected_max() > 1;
  a.required = o.get_required();
  if (const std::vector<std::string>* choices = choicesOf(&o)) a.choices = *choices;
  return a;
}

CliCommand describe(const CLI::App& app, std::vector<std::string> path) {
  CliCommand c;
  c.path = path;
  c.description = app.get_description();
  c.exitCodes = app.get_footer();
  for (const CLI::Option* o : app.get_options())
    (o->nonpositional() ? c.options : c.positionals).push_back(describeOption(*o));
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); })) {
    std::vector<std::string> subPath = path;
    subPath.push_back(sub->get_name());
    c.subcommands.push_back(describe(*sub, subPath));
  }
  return c;
}

}  // namespace

CliCommand describeCli(const CLI::App& app) { return describe(app, {}); }

std::string commandLine(const CliCommand& command) {
  std::string line = "raylog-gen";
  for (const std::string& word : command.path) line += " " + word;
  return line;
}

}  // namespace raylog
