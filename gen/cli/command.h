#pragma once
// Each subcommand lives in its own file and registers itself here; main.cpp only parses and
// turns exceptions into messages and exit codes.
#include <CLI/CLI.hpp>
#include <functional>

namespace raylog {

// What a chosen subcommand does; returns the process exit code (cli/exit_codes.h).
using CommandAction = std::function<int()>;

void registerRenderCommand(CLI::App& app, CommandAction& action);
void registerSchemaCommand(CLI::App& app, CommandAction& action);
void registerInjectCommand(CLI::App& app, CommandAction& action);
void registerPluginCommand(CLI::App& app, CommandAction& action);
void registerKrmCommand(CLI::App& app, CommandAction& action);
void registerLintCommands(CLI::App& app, CommandAction& action);  // lint, explain, rules
void registerVersionCommand(CLI::App& app, CommandAction& action);
// Both walk the whole command tree: register them after every other command.
void registerCompletionCommand(CLI::App& app, CommandAction& action);  // bash, zsh and fish scripts
void registerManpageCommand(CLI::App& app, CommandAction& action);    // roff, for the build (hidden)

// Run as kustomize's legacy exec plugin (the executable is named RayLogging): argv[1] is the
// config file. Returns the exit code.
int runKustomizeExecPlugin(int argc, char** argv);

}  // namespace raylog
