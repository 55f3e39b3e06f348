// raylog-gen schema: the spec's JSON Schema, for yaml-language-server and other editors.
#include "cli/command.h"
#include "cli/exit_codes.h"
#include "cli/output_file.h"
#include "spec/spec_schema.h"

namespace raylog {

void registerSchemaCommand(CLI::App& app, CommandAction& action) {
  CLI::App* cmd = app.add_subcommand("schema", "Print the JSON Schema of the RayLogging spec (for editors)");
  cmd->footer(exit_code::footer({exit_code::kOk, exit_code::kBadInput, exit_code::kInternal}));
  cmd->callback([&action] {
    action = [] {
      writeOutput("", specSchemaText());
      return exit_code::kOk;
    };
  });
}

}  // namespace raylog
