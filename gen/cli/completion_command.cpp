// raylog-gen completion bash|zsh|fish: the completion script for a shell, on stdout.
#include <iostream>
#include <memory>

#include "cli/choices.h"
#include "cli/command.h"
#include "cli/completion.h"
#include "cli/exit_codes.h"

namespace raylog {

std::vector<const CliCommand*> allCommands(const CliCommand& root) {
  std::vector<const CliCommand*> out{&root};
  for (const CliCommand& sub : root.subcommands)
    for (const CliCommand* c : allCommands(sub)) out.push_back(c);
  return out;
}

std::string joinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

void registerCompletionCommand(CLI::App& app, CommandAction& action) {
  auto shell = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("completion", "Print the shell completion script for bash, zsh or fish");
  cmd->footer(exit_code::footer({exit_code::kOk, exit_code::kBadInput}));
  withChoices(cmd->add_option("shell", *shell, "bash, zsh or fish")->required(), {"bash", "zsh", "fish"});
  cmd->callback([shell, &app, &action] {
    action = [shell, &app]() -> int {
      const CliCommand root = describeCli(app);
      if (*shell == "bash") std::cout << bashCompletion(root);
      else if (*shell == "zsh") std::cout << zshCompletion(root);
      else if (*shell == "fish") std::cout << fishCompletion(root);
      else {
        std::cerr << "raylog-gen: error: no completion for shell '" << *shell << "'; use bash, zsh or fish\n";
        return exit_code::kBadInput;
      }
      return exit_code::kOk;
    };
  });
}

}  // namespace raylog
