#pragma once
// How a fuzz target reports a broken property: print what and where, then abort, which
// libFuzzer records as a crash (with the input) and the replay driver as a failed run.
#include <string>

namespace fuzz {

[[noreturn]] void fail(const char* file, int line, const std::string& what);

}  // namespace fuzz

#define FUZZ_CHECK(condition, what)                                        \
  do {                                                                     \
    if (!(condition)) ::fuzz::fail(__FILE__, __LINE__, std::string(what)); \
  } while (0)
