#pragma once
// Shell completion scripts written from the command line's own definition (cli/cli_tree.h).
#include <string>

#include "cli/cli_tree.h"

namespace raylog {

std::string bashCompletion(const CliCommand& root);
std::string zshCompletion(const CliCommand& root);
std::string fishCompletion(const CliCommand& root);

// Every command of the tree, parents before their subcommands.
std::vector<const CliCommand*> allCommands(const CliCommand& root);

// Space-separated words, for shell word lists.
std::string joinWords(const std::vector<std::string>& words);

}  // namespace raylog
