#pragma once
// Options and arguments whose value is one of a fixed set: the set is shown in --help and
// offered by the shell completion (cli/completion_command.cpp).
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace raylog {

// Records the set and shows it in --help as the value's type ("text|json|...").
CLI::Option* withChoices(CLI::Option* option, std::vector<std::string> values);

// The set recorded for this option, or nullptr when any value goes (typically a file).
const std::vector<std::string>* choicesOf(const CLI::Option* option);

}  // namespace raylog
