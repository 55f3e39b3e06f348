#pragma once
// Wrong command-line usage reported as people need it: what is wrong, a did-you-mean for a
// misspelt command or option, then the usage of the (sub)command it was meant for.
#include <CLI/CLI.hpp>
#include <string>

namespace raylog {

// The first word or option no (sub)command took (the app parses with allow_extras so that
// raylog-gen, not CLI11, words the error), or "" when there is none.
std::string firstStrayArgument(const CLI::App& app);

// Prints "raylog-gen: error: ..." and the usage of the deepest subcommand given, on stderr.
// With a stray argument, the message is about it (the parse error is its consequence).
// Returns exit_code::kBadInput.
int reportUsageError(const CLI::App& app, const std::string& parseError);

}  // namespace raylog
