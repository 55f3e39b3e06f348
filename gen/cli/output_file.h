#pragma once
// Writing results all-or-nothing: to stdout in one piece, or to a file via a temporary file
// renamed into place, so a failure never leaves a partial file.
#include <string>

namespace raylog {

// Throws std::runtime_error with a message for people when the file cannot be written.
void writeOutput(const std::string& path, const std::string& text);

}  // namespace raylog
