#include <catch2/catch.hpp>

#include "agents/fluent_bit/fluent_bit_config.h"
#include "agents/fluent_bit/fluent_bit_value.h"

using namespace raylog;

TEST_CASE("values that would break the classic format are refused") {
  for (const char* bad : {"", "a\nb", "x\n[OUTPUT]", "a\rb", " lead", "trail ", "[OUTPUT]", "@INCLUDE /etc/passwd",
                          "# comment", "${HOME}", "pre${X}", "a\x01"})
    CHECK(fluentBitValueProblem(bad).has_value());
  for (const char* good : {"5MB", "/tmp/ray/session_latest/logs/*", "file", "$(id)", "it's \"quoted\"", "a]b"})
    CHECK_FALSE(fluentBitValueProblem(good).has_value());
}

TEST_CASE("${VAR} references are allowed only in raylog-gen's own values, and only well formed") {
  CHECK(fluentBitValueProblem("${ES_PASSWORD}").has_value());  // a user value: never
  CHECK_FALSE(fluentBitValueProblem("${ES_PASSWORD}", true).has_value());
  CHECK_FALSE(fluentBitValueProblem("ray-${RAYLOG_POD}", true).has_value());
  CHECK(fluentBitValueProblem("${es_password}", true).has_value());
  CHECK(fluentBitValueProblem("${A}${", true).has_value());
}

TEST_CASE("the config writer aligns values and refuses unsafe ones") {
  FluentBitConfig c;
  c.add("INPUT").set("Name", "tail").set("Refresh_Interval", "5");
  CHECK(c.render() == "[INPUT]\n    Name             tail\n    Refresh_Interval 5\n");
  c.sections[0].set("Path", "x\n[OUTPUT]");
  CHECK_THROWS_AS(c.render(), std::logic_error);
}

TEST_CASE("keys are case-insensitive, as Fluent Bit reads them") {
  FluentBitSection s;
  s.name = "INPUT";
  s.set("Path_Key", "file");
  s.set("path_key", "src");
  CHECK(s.entries.size() == 1);
  CHECK(s.get("PATH_KEY") == "src");
}
