#pragma once
// Where progress lines go: stderr, or nowhere under --quiet. Errors always go to stderr.
#include <ostream>

namespace raylog {

void setQuiet(bool quiet);
std::ostream& progress();

}  // namespace raylog
