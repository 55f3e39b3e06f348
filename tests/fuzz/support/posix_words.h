#pragma once
// A reader for the words raylog-gen's shell quoting produces, as a POSIX shell tokenises them:
// 'single-quoted' text is literal, a backslash outside quotes makes the next character literal,
// and blanks separate words. Any other character the shell would treat specially outside quotes
// ($ ` " ; & | < > ( ) * ? [ ~ # and so on) makes the text unreadable here: nullopt.
#include <optional>
#include <string>
#include <vector>

namespace fuzz {

std::optional<std::vector<std::string>> readShellWords(const std::string& text);

}  // namespace fuzz
