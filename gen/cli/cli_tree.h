#pragma once
// The command line as data, read from the CLI11 definition itself, so that shell completion and
// the man page cannot drift from what the parser accepts.
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace raylog {

struct CliArgument {
  std::vector<std::string> flags;    // "-f", "--format"; empty for a positional argument
  std::string name;                  // the positional's name, or the longest flag
  std::string description;
  bool takesValue = false;           // false for a switch (--quiet)
  bool many = false;                 // a positional that takes several values
  bool required = false;
  std::vector<std::string> choices;  // fixed set of values; empty: any value (a file, a folder, ...)
};

struct CliCommand {
  std::vector<std::string> path;  // {"plugin", "install"}; empty for raylog-gen itself
  std::string description;
  std::string exitCodes;          // the help footer
  std::vector<CliArgument> options, positionals;
  std::vector<CliCommand> subcommands;  // visible ones only
};

CliCommand describeCli(const CLI::App& app);

// "raylog-gen plugin install".
std::string commandLine(const CliCommand& command);

}  // namespace raylog
