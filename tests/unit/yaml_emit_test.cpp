#include <catch2/catch.hpp>

#include "yaml/source_file.h"
#include "yaml/yaml_build.h"
#include "yaml/yaml_emit.h"
#include "yaml/yaml_to_json.h"

using namespace raylog;

TEST_CASE("strings that would read back as another type are quoted") {
  for (const char* s : {"1", "0.5", "2.46.0", "true", "on", "no", "~", "null", "", "1e3", "-1", ".5", "0x1F", "1:30"})
    CHECK(plainScalarChangesType(s));
  for (const char* s : {"ray", "fluent/fluent-bit:3.2.10", "dashboard-host", "Always", "-c", "a1"})
    CHECK_FALSE(plainScalarChangesType(s));
}

TEST_CASE("emitted strings read back as the same strings, numbers as numbers") {
  YAML::Node n = y::map();
  for (const char* s : {"1", "on", "yes", "0.0.0.0", "a: b", "#x", "[y]", "x\ny\n", "  lead", "tab\tin", "$(id)", "'q\""})
    n[s] = y::str(s);
  n["count"] = y::integer(3);
  n["flag"] = y::boolean(true);
  auto back = yamlToJson(parseYamlStream(emitDocument(n), "t").at(0).root, "t").value;
  for (const char* s : {"1", "on", "yes", "0.0.0.0", "a: b", "#x", "[y]", "x\ny\n", "  lead", "tab\tin", "$(id)", "'q\""})
    CHECK(back[s] == s);
  CHECK(back["count"] == 3);
  CHECK(back["flag"] == true);
}

TEST_CASE("a scalar that starts like a document marker is quoted (found by fuzzing inject)") {
  for (const char* s : {"...", "--- x", "... 'image: ray", "---"}) {
    CAPTURE(s);
    const std::string text = emitStream({YAML::Node(std::string(s)), y::map()});
    const std::vector<ParsedDocument> back = parseYamlStream(text, "t.yaml");
    REQUIRE(back.size() == 2);
    CHECK(back[0].root.Scalar() == s);
  }
}

TEST_CASE("text holding '{{' is quoted, so it never reads back as template syntax (found by fuzzing inject)") {
  // A plain scalar's continuation line "'{{x'" is text, and was written back as one plain line.
  const std::vector<ParsedDocument> in = parseYamlStream("a Li? &nu\n''\n'{{x'\n", "t.yaml");
  const std::string text = emitStream({in.at(0).root});
  CHECK(text == "---\n\"a Li? &nu '' '{{x'\"\n");
  CHECK(parseYamlStream(text, "t.yaml").at(0).root.Scalar() == "a Li? &nu '' '{{x'");
  YAML::Node n = y::map();
  n["note"] = y::str("see {{ .Values.x }}");
  CHECK(emitDocument(n) == "note: \"see {{ .Values.x }}\"\n");
}

TEST_CASE("multi-line text becomes a literal block") {
  YAML::Node n = y::map();
  n["conf"] = y::str("[INPUT]\n    Name tail\n");
  CHECK(emitDocument(n) == "conf: |\n  [INPUT]\n      Name tail\n");
}

TEST_CASE("a stream puts --- before every document, keys in insertion order") {
  YAML::Node a = y::map();
  a["z"] = y::str("1");
  a["a"] = y::str("x");
  CHECK(emitStream({a, a}) == "---\nz: \"1\"\na: x\n---\nz: \"1\"\na: x\n");
}

TEST_CASE("text with a line break is written as a string whatever its tag, so a second run writes it the same (found by fuzzing inject)") {
  for (const char* in : {"a: !x |\n  two\n  lines\n", "a: !!binary |\n  x\n  y\n", "a: p\n\n  q\n"}) {
    CAPTURE(in);
    const std::string once = emitDocument(parseYamlStream(in, "t.yaml").at(0).root);
    CHECK(emitDocument(parseYamlStream(once, "t.yaml").at(0).root) == once);
  }
  CHECK(emitDocument(parseYamlStream("a: !x |\n  two\n", "t.yaml").at(0).root) == "a: |\n  two\n");
}
