#pragma once
// Process exit codes; documented in README.md and in each subcommand's --help.
#include <initializer_list>
#include <string>

namespace raylog::exit_code {

inline constexpr int kOk = 0;
inline constexpr int kFindings = 1;      // lint: findings at or above --fail-on
inline constexpr int kBadInput = 2;      // invalid spec or input file, or wrong command-line usage
inline constexpr int kWriteFailed = 3;   // the output file could not be written
inline constexpr int kInternal = 70;     // a bug in raylog-gen (EX_SOFTWARE); please report it

// The "Exit codes:" help footer listing these codes (each with its meaning), in order.
std::string footer(std::initializer_list<int> codes);

}  // namespace raylog::exit_code
