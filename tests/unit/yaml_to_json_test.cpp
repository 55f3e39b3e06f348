#include <catch2/catch.hpp>

#include "yaml/source_file.h"
#include "yaml/yaml_to_json.h"

using namespace raylog;

static JsonDocument convert(const std::string& text) {
  return yamlToJson(parseYamlStream(text, "t.yaml").at(0).root, "t.yaml");
}

TEST_CASE("plain scalars resolve by the YAML 1.2 core schema, quoted ones stay strings") {
  auto doc = convert("a: 1\nb: \"1\"\nc: true\nd: 'true'\ne: 1.5\nf: ~\ng: hello\nh: 0x1f\ni: yes\n");
  CHECK(doc.value["a"] == 1);
  CHECK(doc.value["b"] == "1");
  CHECK(doc.value["c"] == true);
  CHECK(doc.value["d"] == "true");
  CHECK(doc.value["e"] == 1.5);
  CHECK(doc.value["f"].is_null());
  CHECK(doc.value["g"] == "hello");
  CHECK(doc.value["h"] == 31);
  CHECK(doc.value["i"] == "yes");  // YAML 1.2: only true/false are booleans
}

TEST_CASE("marks locate keys and values, 0-based in yaml-cpp") {
  auto doc = convert("spec:\n  workerGroups:\n    - name: a\n");
  const NodeMarks& m = doc.marks.at("/spec/workerGroups/0/name");
  CHECK(m.key.line == 2);
  CHECK(m.key.column == 6);
  CHECK(m.value.column == 12);
}

TEST_CASE("duplicate keys are an error at the second key") {
  try {
    convert("a: 1\nb: 2\na: 3\n");
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.diagnostics()[0].where.line == 3);
    CHECK_THAT(e.diagnostics()[0].message, Catch::Contains("duplicate key 'a'"));
  }
}

TEST_CASE("deep nesting and alias bombs are errors, not crashes") {
  std::string deep = "a: " + std::string(100, '[') + std::string(100, ']') + "\n";
  CHECK_THROWS_AS(convert(deep), InputError);

  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  std::string prev = "a";
  for (int i = 0; i < 8; ++i) {
    std::string name = "l" + std::to_string(i);
    bomb += name + ": &" + name + " [";
    for (int j = 0; j < 10; ++j) bomb += (j ? ", *" : "*") + prev;
    bomb += "]\n";
    prev = name;
  }
  try {
    convert(bomb);
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK_THAT(e.diagnostics()[0].message, Catch::Contains("aliases"));
  }
}

TEST_CASE("very deep input stops in the parser with a located error") {
  std::string deep(20000, '[');
  try {
    parseYamlStream(deep, "t.yaml");
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK_THAT(e.diagnostics()[0].format(), Catch::StartsWith("t.yaml:1:"));
  }
}

TEST_CASE("a comma where a node should start is an error, not yaml-cpp's endless allocation") {
  // After a tag or an anchor too (found by fuzzing the KRM function: "!inary ," never returned).
  for (const char* bad : {",", ",a", "- a\n,", "[a], b", "--- ,", "\"x\" ,", "# c\n,", "a: ,", "!inary ,", "a: !t ,", "- &x ,",
                          "&i-tZc:,", "a: !t:,", "- *a-,",
                          "|-#[x\n  y\n, z"}) {
    CAPTURE(bad);
    CHECK_THROWS_WITH(parseYamlStream(bad, "t.yaml"), Catch::Contains("cannot start a value"));
  }
  // A quote inside a plain scalar opens nothing (found by fuzzing the KRM function: name:"keep-me
  // made the ", expected" of a later quoted message look like a stray comma).
  for (const char* good : {"x: a , b", "a, b", "k: |\n  ,x\n  y\n", "k: [1,\n  2]", "s: 'a, b'", "k: \"a\\\" ,\"", "# ,\nk: v",
                           "name:\"keep-me: ~\nm: \"it is 'x', expected 'y'\"", "a: it's\nb: \"c, d\"", "{\"a\":\"b, c\"}",
                           "- a \"b\n- c: \"d, e\"", "k: [\"a\",\"b, c\"]", "k: a !b, c",
                           "rule: self in ['a', 'b']", "rule: x == \"y\", z", "m: f(a[0], b)"}) {
    CAPTURE(good);
    CHECK_NOTHROW(parseYamlStream(good, "t.yaml"));
  }
}

// The first error parseYamlStream reports for `text` as printed; "" when it reads.
static std::string firstError(const std::string& text) {
  try {
    parseYamlStream(text, "t.yaml");
  } catch (const InputError& e) {
    return e.diagnostics().at(0).format();
  }
  return std::string();
}

TEST_CASE("what yaml-cpp reads but cannot write back is refused where it is, or decoded right (found by fuzzing inject)") {
  CHECK(firstError("a: b\x05" "c\n") == "t.yaml:1:5: error: invalid YAML: control character 0x05 is not allowed in YAML text; "
                                     "remove it, or write it as an escape inside double quotes");
  CHECK_THAT(firstError("# \x7f\n"), Catch::Contains("t.yaml:1:3: error: invalid YAML: control character 0x7F"));
  CHECK(firstError("a: b\rc: d\n") == "t.yaml:1:5: error: invalid YAML: a carriage return without a line feed (an old Mac "
                                   "line ending); save the file with LF or CRLF line endings");
  CHECK(firstError("a: b\r\nc: \"x\\ty\"\r\n") == "");  // CRLF and escapes stay fine
  // yaml-cpp decodes \N and \_ to the single bytes 0x85 and 0xA0; they are U+0085 and U+00A0.
  const auto docs = parseYamlStream("a: \"x\\Ny\\_z\"\n\"k\\N\": \"\\u00e9\\N\"\n", "t.yaml");
  CHECK(docs[0].root["a"].Scalar() == "x\xC2\x85y\xC2\xA0z");
  CHECK(docs[0].root["k\xC2\x85"].Scalar() == "\xC3\xA9\xC2\x85");
  // A brace or bracket inside a block plain scalar opens nothing, so the quote after it is text.
  CHECK(parseYamlStream("a: neLi{ 'nu\n", "t.yaml")[0].root["a"].Scalar() == "neLi{ 'nu");
  CHECK(parseYamlStream("a: x[1] 'b\n", "t.yaml")[0].root["a"].Scalar() == "x[1] 'b");
  // An unclosed quote stops before yaml-cpp, which never returns on the comma after it.
  CHECK_THAT(firstError("a: {b:'}\n,\n"), Catch::Contains("t.yaml:1:7: error: invalid YAML: the quote that starts here is never closed"));
}

TEST_CASE("what yaml-cpp hangs on or misplaces is refused where it is (found by fuzzing krm, inject and render)") {
  // A tab in the indentation is reported first, and the stray comma after it no longer reaches
  // yaml-cpp, which never returned on it.
  CHECK(firstError("a: 1\n\t!o,t,\n") == "t.yaml:2:1: error: invalid YAML: tabs are not allowed for indentation; use spaces");
  // After a document end marker a node starts as at a line's start: a comma there, after a tag or
  // not, is stray (yaml-cpp allocated without bound on "...\t!o,t,").
  CHECK(firstError("\n...\t!o,t,") == "t.yaml:2:7: error: invalid YAML: a ',' cannot start a value outside [ ] or { }; "
                                      "remove it, or quote the value if the comma belongs to it");
  CHECK_THAT(firstError("a: 1\n... ,\n"), Catch::StartsWith("t.yaml:2:5: error: invalid YAML: a ',' cannot start"));
  CHECK(parseYamlStream("a: ...,b\n", "t.yaml")[0].root["a"].Scalar() == "...,b");
  // An anchor's or a tag's name may hold quotes and brackets: the comma after it is still stray
  // (yaml-cpp allocated without bound on '&-Zj:"\n",').
  CHECK_THAT(firstError("&-Zj:\"\\n\","), Catch::StartsWith("t.yaml:1:10: error: invalid YAML: a ',' cannot start"));
  CHECK_THAT(firstError("a: !x['y'] ,\n"), Catch::StartsWith("t.yaml:1:12: error: invalid YAML: a ',' cannot start"));
  CHECK(firstError("rule: self in ['a', 'b']\n") == "");
  // Text after a closing quote (yaml-cpp looped on it before a "? " line).
  CHECK(firstError("  'a'b\n  ? d\n") == "t.yaml:1:6: error: invalid YAML: text after a quoted value's closing '; put the "
                                      "whole value inside the quotes");
  CHECK(firstError("a: \"x\" y\n") == "t.yaml:1:8: error: invalid YAML: text after a quoted value's closing \"; put the "
                                   "whole value inside the quotes");
  CHECK(firstError("'k': 'v' # note\nl: [\"a\", 'b']\nm: {'x': \"y\"}\n") == "");
  // A list or mapping as a key: yaml-cpp nests it one level too deep; objects have string keys.
  CHECK(firstError("a:\n  b:\n    c: 1\n  []: x\n") == "t.yaml:4:3: error: invalid YAML: this mapping key is a list or a "
                                                   "mapping; keys of Kubernetes objects and specs are strings: quote the "
                                                   "key, or remove it");
  CHECK_THAT(firstError("? {a: b}\n: c\n"), Catch::Contains("t.yaml:1:3: error: invalid YAML: this mapping key is a list"));
  // A quote after a tag that ends in '?' opens a quoted value, so one never closed is found.
  CHECK_THAT(firstError("!!map:? 'nuirsa\n\n"), Catch::Contains("t.yaml:1:9: error: invalid YAML: the quote that starts here is never closed"));
  // A comma right after '-', '?' or ':' is text of a plain scalar, as YAML and yaml-cpp read it.
  CHECK(parseYamlStream("a: -,  th\nb: |\n  -,  x\nc: a:,b\n", "t.yaml")[0].root["a"].Scalar() == "-,  th");
  CHECK(parseYamlStream("c: a:,b\n", "t.yaml")[0].root["c"].Scalar() == "a:,b");
  // A '-' or '?' inside a plain scalar is text, blanks before the comma or not (inject's own
  // output "a: spec:-   ,th" was refused).
  CHECK(parseYamlStream("a: spec:-   ,th\n", "t.yaml")[0].root["a"].Scalar() == "spec:-   ,th");
  // A lone '-' inside a plain scalar is text too (inject's output "anapu2: meta - ,th" was refused).
  CHECK(parseYamlStream("a: meta - ,th\n", "t.yaml")[0].root["a"].Scalar() == "meta - ,th");
  CHECK(parseYamlStream("a: b ? ,c\n", "t.yaml")[0].root["a"].Scalar() == "b ? ,c");
  CHECK(parseYamlStream("a: s p  e *ac:-   ,th\n", "t.yaml")[0].root["a"].Scalar() == "s p  e *ac:-   ,th");
  CHECK(parseYamlStream("a: b !t ,c\n", "t.yaml")[0].root["a"].Scalar() == "b !t ,c");
  CHECK_THROWS_AS(parseYamlStream("a: *ac:- ,th\n", "t.yaml"), InputError);
  CHECK_THROWS_AS(parseYamlStream("a: !t *ac ,th\n", "t.yaml"), InputError);
  CHECK(parseYamlStream("Li? &|-i? &nu ? &nu '' 7'\n", "t.yaml")[0].root.Scalar() == "Li? &|-i? &nu ? &nu '' 7'");
  CHECK(parseYamlStream("a: b - 'c'\n", "t.yaml")[0].root["a"].Scalar() == "b - 'c'");
  CHECK(parseYamlStream("- ? 'c'\n", "t.yaml")[0].root[0].IsMap());
  CHECK_THROWS_AS(parseYamlStream("a: - ,th\n", "t.yaml"), InputError);
  // Text after a flow collection: yaml-cpp 0.7 allocated without bound on "[]t" and a "? " line
  // (found by fuzzing krm).
  CHECK_THAT(firstError("[]t\n?\t"), Catch::Contains("t.yaml:1:3: error: invalid YAML: text after a flow collection's closing ]"));
  CHECK_THAT(firstError("a: {} t\n? a\n"), Catch::Contains("t.yaml:1:7: error: invalid YAML: text after a flow collection's closing }"));
  CHECK(firstError("a: [x, y] # note\nb: {c: d}\ng: [h,\n  i]\nh: [] \n") == "");
  CHECK(parseYamlStream("a: b[c] d\n", "t.yaml")[0].root["a"].Scalar() == "b[c] d");
  CHECK_THROWS_AS(parseYamlStream("- ,th\n", "t.yaml"), InputError);
  // An anchor or tag inside a plain scalar is text, and so is a quote after it.
  CHECK(parseYamlStream("Li? &nu Li? &nu '' ''\n", "t.yaml")[0].root.Scalar() == "Li? &nu Li? &nu '' ''");
  CHECK_THAT(firstError("a: &x 'y' z\n"), Catch::Contains("t.yaml:1:11: error: invalid YAML: text after a quoted value's closing '"));
  CHECK(parseYamlStream("a: x?  ,y\n", "t.yaml")[0].root["a"].Scalar() == "x?  ,y");
  CHECK_THAT(firstError("a:\n  - ,x\n"), Catch::Contains("t.yaml:2:5: error: invalid YAML: a ',' cannot start"));
}
