#pragma once
// Writing results all-or-nothing: to stdout in one piece, or to a file via a temporary file
// renamed into place, so a failure never leaves a partial file.
#include <string>
#include <utility>
#include <vector>

namespace raylog {

// Throws std::runtime_error with a message for people when the file cannot be written.
void writeOutput(const std::string& path, const std::string& text);

// chmod +x (scripts); throws std::runtime_error when it cannot.
void makeExecutable(const std::string& path);

// Writes every (name, content) into `dir` (created when missing), each file all or nothing;
// prints the names written to stderr.
void writeOutputDir(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace raylog
