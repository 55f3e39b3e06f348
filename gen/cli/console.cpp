#include "cli/console.h"

#include <iostream>

namespace raylog {

namespace {
bool quietMode = false;
std::ostream& discard() {
  static std::ostream sink(nullptr);  // no buffer: every write is dropped
  return sink;
}
}  // namespace

void setQuiet(bool quiet) { quietMode = quiet; }

std::ostream& progress() { return quietMode ? discard() : std::cerr; }

}  // namespace raylog
