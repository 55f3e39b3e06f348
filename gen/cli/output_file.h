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

// The list of files `writeOutputDir` wrote into a folder, with a hash of each as written.
inline constexpr const char* kOutDirManifest = ".raylog-gen-files";

// Writes every (name, content) into `dir` (created when missing; names may hold one sub-folder),
// each file all or nothing, and prints the names written to stderr. Files an earlier call wrote
// there (listed in kOutDirManifest, or - written before that list existed - starting with
// raylog-gen's header) that this call does not write are removed when unchanged since; edited
// ones are kept and named. Nothing else in the folder is touched.
void writeOutputDir(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace raylog
