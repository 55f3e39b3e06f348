// raylog-gen version: what a bug report needs to name the binary (--version prints the first line).
#include <iostream>

#include "cli/build_info.h"
#include "cli/command.h"
#include "cli/exit_codes.h"

namespace raylog {

void registerVersionCommand(CLI::App& app, CommandAction& action) {
  CLI::App* cmd = app.add_subcommand("version", "Print the version, git commit, build date and compiler");
  cmd->footer(exit_code::footer({exit_code::kOk, exit_code::kBadInput}));
  cmd->callback([&action] {
    action = [] {
      std::cout << "raylog-gen " << build_info::kVersion << "\n"
                << "commit:   " << build_info::kCommit << "\n"
                << "built:    " << build_info::kDate << "\n"
                << "compiler: " << build_info::kCompiler << "\n";
      return exit_code::kOk;
    };
  });
}

}  // namespace raylog
