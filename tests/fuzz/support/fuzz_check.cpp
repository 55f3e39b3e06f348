#include "support/fuzz_check.h"

#include <cstdio>
#include <cstdlib>

namespace fuzz {

void fail(const char* file, int line, const std::string& what) {
  std::fprintf(stderr, "%s:%d: property failed: %s\n", file, line, what.c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace fuzz
