#pragma once
// Command-line inputs -> the files to read: directories are searched recursively for .yaml and
// .yml files (in sorted order, so output is deterministic); "-" is standard input.
#include <string>
#include <vector>

namespace raylog {

// Throws InputError naming the first path that does not exist.
std::vector<std::string> expandInputPaths(const std::vector<std::string>& paths);

}  // namespace raylog
