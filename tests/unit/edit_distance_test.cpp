#include <catch2/catch.hpp>

#include "util/edit_distance.h"

using namespace raylog;

TEST_CASE("edit distance counts single-character edits, ignoring case") {
  CHECK(editDistance("workerGroups", "workerGroups") == 0);
  CHECK(editDistance("workerGroup", "workerGroups") == 1);
  CHECK(editDistance("WorkerGroups", "workerGroups") == 0);
  CHECK(editDistance("kitten", "sitting") == 3);
  CHECK(editDistance("agnet", "agent") == 1);  // a swap of neighbours is one edit
}

TEST_CASE("did-you-mean suggests only plausible typos") {
  const std::vector<std::string> keys = {"strategy", "ray", "head", "workerGroups", "agent", "output"};
  CHECK(closestMatch("workergroup", keys) == "workerGroups");
  CHECK(closestMatch("outptu", keys) == "output");
  CHECK(closestMatch("completelydifferent", keys).empty());
  CHECK(didYouMean("agnet", keys) == " (did you mean 'agent'?)");
  CHECK(didYouMean("zzz", keys).empty());
}
