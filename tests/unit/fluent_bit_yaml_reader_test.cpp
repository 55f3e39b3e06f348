#include <catch2/catch.hpp>

#include "agents/fluent_bit/fluent_bit_yaml_reader.h"

using namespace raylog;

TEST_CASE("an empty pipeline entry is named at its list, inside the text (found by fuzzing)") {
  // yaml-cpp marks "- # note" where the next token starts: past the last line here.
  const ParsedFluentBitConfig parsed = readFluentBitYaml("pipeline:\n  outputs:\n    - # name stdout\n");
  REQUIRE(parsed.config.sections.size() == 1);
  CHECK(parsed.lines.sectionLine[0] == 2);
  REQUIRE(parsed.problems.size() == 1);
  CHECK(parsed.problems[0] == std::make_pair(2, std::string("a OUTPUT entry is not a mapping")));
}
