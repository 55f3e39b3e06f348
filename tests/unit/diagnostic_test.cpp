// Diagnostics print one per line whatever the message quotes from the input (found by fuzzing:
// yaml-cpp's "unknown escape character: " ends with the raw character, a line break included).
#include <algorithm>
#include <catch2/catch.hpp>

#include "lint/linter.h"
#include "lint/report.h"
#include "yaml/source_file.h"

using namespace raylog;

TEST_CASE("a diagnostic's line breaks and control characters print escaped, on one line") {
  const Diagnostic d{{"a.yaml", 3, 7}, "unknown key 'x\ny'\r\x01; tab\tstays"};
  CHECK(d.format() == "a.yaml:3:7: error: unknown key 'x\\ny'\\r\\x01; tab\tstays");
}

TEST_CASE("an escaped carriage return is one line of report") {
  // Once yaml-cpp's "unknown escape character: " plus the raw character; now refused before it.
  const std::string text = "a: \"one \\\rtwo\"\n";
  std::string formatted;
  try {
    parseYamlStream(text, "in.yaml");
  } catch (const InputError& e) {
    formatted = e.diagnostics().at(0).format();
  }
  REQUIRE_FALSE(formatted.empty());
  CHECK(formatted.find_first_of("\r\n") == std::string::npos);
  CHECK_THAT(formatted, Catch::Contains("in.yaml:1:10: error: invalid YAML: a carriage return without a line feed"));
  const lint::LintResult r = lint::lintText(text, {});
  REQUIRE(r.findings.size() == 1);
  CHECK(Diagnostic{r.findings[0].where, r.findings[0].message}.format().find_first_of("\r\n") == std::string::npos);
  for (const bool color : {false, true}) {  // the text report lays findings out itself (colour on its parts)
    const std::string report = lint::formatFindings(r, lint::Format::Text, color);
    CHECK(report.find('\r') == std::string::npos);
    CHECK(std::count(report.begin(), report.end(), '\n') == 3);  // the finding, its fix, the total
    CHECK_THAT(report, Catch::Contains("a carriage return without a line feed"));
  }
}
