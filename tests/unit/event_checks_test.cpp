#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "yaml/event_checks.h"
#include "yaml/source_file.h"
#include "yaml/yaml_emit.h"

using namespace raylog;

// The first diagnostic parseYamlStream gives for `text`, formatted; "" when it parses.
static std::string firstError(const std::string& text) {
  try {
    parseYamlStream(text, "t.yaml");
    return "";
  } catch (const InputError& e) {
    return e.diagnostics()[0].format();
  }
}

// `levels` lines, each a list of ten aliases of the line before: 10^(levels+1) nodes in all.
static std::string aliasBomb(int levels) {
  std::string bomb = "kind: RayCluster\na: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= levels; ++i) {
    bomb += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) bomb += (j ? ", *l" : "*l") + std::to_string(i - 1);
    bomb += "]\n";
  }
  return bomb;
}

TEST_CASE("an alias inside the node it names is refused where it is, not a stack overflow (found by fuzzing krm)") {
  CHECK_THAT(firstError("a: &a [*a]\n"), Catch::StartsWith("t.yaml:1:8: error: invalid YAML: this alias names a node it is inside of"));
  CHECK_THAT(firstError("metadata: &m\n  name: x\n  labels: *m\n"), Catch::StartsWith("t.yaml:3:11: error: invalid YAML: this alias names"));
  CHECK_THAT(firstError("a: &a {b: [1, {c: *a}]}\n"), Catch::StartsWith("t.yaml:1:19: error:"));
  // Naming a node after it closed is no cycle.
  CHECK(firstError("a: &a [1]\nb: [*a, *a]\n") == "");
  // yaml-cpp takes a redefined anchor for the new node as soon as that node starts: a cycle too.
  CHECK_THAT(firstError("a: &a 1\nb: &a [*a]\n"), Catch::StartsWith("t.yaml:2:8: error: invalid YAML: this alias names"));
}

TEST_CASE("aliases that stand for too many nodes are refused at the alias that crosses the limit (found by fuzzing krm)") {
  // Each line stands for ten of the line before: 11, 111, 1,111 and 11,111 nodes. The eighth
  // alias of the last line crosses the limit (110 + 1,110 + 8 x 1,111 nodes through aliases).
  CHECK_THAT(firstError(aliasBomb(3)),
             Catch::StartsWith("t.yaml:5:45: error: invalid YAML: the aliases of this document stand for more than 10000 nodes"));
  // Seven of them: 8,997 nodes through aliases, a heavy but honest use of anchors.
  const std::string heavy = aliasBomb(2) + "l3: [*l2, *l2, *l2, *l2, *l2, *l2, *l2]\n";
  CHECK(firstError(heavy) == "");
  // The count is per document.
  CHECK(firstError(heavy + "---\n" + heavy) == "");
  // krm wrote 23 MB for aliasBomb(4); one more line is 230 MB.
  CHECK_THAT(firstError(aliasBomb(4)), Catch::StartsWith("t.yaml:5:45: error:"));
  // Deep nesting cannot overflow the counts.
  CHECK_THAT(firstError(aliasBomb(40)), Catch::Contains("stand for more than 10000 nodes"));
}

TEST_CASE("the quick look for aliases finds every alias and skips globs and shell") {
  CHECK(mayHaveAliases("a: *x\n"));
  CHECK(mayHaveAliases("a: [*x]\n"));
  CHECK(mayHaveAliases("a: {b: 1,*x : 2}\n"));
  CHECK(mayHaveAliases("- *x\n"));
  CHECK(mayHaveAliases("*x : 1\n"));
  CHECK_FALSE(mayHaveAliases("path: /tmp/ray/session_latest/logs/*.log\n"));
  CHECK_FALSE(mayHaveAliases("command: [sh, -c, 'ls a/* && b']\n"));
  CHECK_FALSE(mayHaveAliases("a: 2 * 3\n"));
  CHECK_FALSE(mayHaveAliases("Path: /tmp/ray/session_latest/logs/worker-*.out\n"));
}

TEST_CASE("documents with aliases under the limit emit their expansion") {
  const auto docs = parseYamlStream("env: &e [{name: A, value: '1'}]\nother: *e\n", "t.yaml");
  CHECK(emitDocument(docs.at(0).root) == "env:\n  - name: A\n    value: \"1\"\nother:\n  - name: A\n    value: \"1\"\n");
}

TEST_CASE("a parser that stops making progress is found where it stops, whatever the scan before it missed") {
  // Inputs on which yaml-cpp's LoadAll allocates without bound (each found by fuzzing; the lexical
  // scan refuses them first, this is the net under it).
  for (const auto& [text, column] : std::vector<std::pair<std::string, int>>{
           {",\n", 1}, {"a: 1\n--- ,\n", 5}, {"\n...\t!o,t,", 7}, {"&-Zj:\"\\n\",", 10}, {"!inary ,", 8}}) {
    INFO(text);
    const std::optional<EventProblem> problem = eventProblemIn(text);
    REQUIRE(problem);
    CHECK(problem->kind == EventProblem::NoProgress);
    CHECK(problem->at.column + 1 == column);
  }
  CHECK_FALSE(eventProblemIn("a: b, c\n---\n---\nd: [e, f]\n...\n"));
  // The error names the character yaml-cpp stops at.
  CHECK_THAT(firstError("a: x, y\n--- ,\n"), Catch::StartsWith("t.yaml:2:5: error: invalid YAML: a ',' cannot start a value"));
}

TEST_CASE("the quick look for a stalling comma finds each form found so far and skips flow lists") {
  for (const char* text : {",\n", "a: 1\n--- ,\n", "\n...\t!o,t,", "&-Zj:\"\\n\",", "!inary ,", "a: ['x'],\n",
                           "k: {a:'}\n\n,#(m\n", "- *a,\n", "a:,b\n", "-,x\n",
                           "conf: |\n  text\n, after\n", "a: b # x |\n , \n", "a: 'x # y', z\n"}) {
    CAPTURE(text);
    CHECK(mayStallParser(text));
  }
  for (const char* text : {"args: [a, b, c]\n", "a: b,c\n", "path: /x/*.log\n", "{a: 1, b: 2}\n",
                           "# lower case or '-', and\n", "conf: |\n  Regex ^(?<t>\\d{2},\\d{3})\n\n  x: 'a', b\nk: v\n",
                           "- >-\n   , x\n", "- name: w # lower case or '-', and\n"}) {
    CAPTURE(text);
    CHECK_FALSE(mayStallParser(text));
  }
  // Each byte is looked at a bounded number of times: a long line of commas, many lines before
  // one comma.
  CHECK(mayStallParser(std::string(1 << 20, '\n') + " ,"));
  CHECK_FALSE(mayStallParser("a: " + std::string(1 << 20, 'x') + std::string(1000, ',').replace(0, 1000, 500, 'y')));
}

TEST_CASE("an explicit key after a tagged or anchored scalar stops before yaml-cpp loops (found by fuzzing inject)") {
  for (const char* text : {"! C\n?\n", "!t C\n? a\n", "&a C\n?\n"}) {
    CAPTURE(text);
    CHECK(mayStallParser(text));
    const std::optional<EventProblem> problem = eventProblemIn(text);
    REQUIRE(problem);
    CHECK(problem->kind == EventProblem::NoProgress);
    CHECK_THAT(firstError(text), Catch::StartsWith("t.yaml:2:1: error: invalid YAML"));
  }
  CHECK_FALSE(mayStallParser("a: b\nc: '?'\n# ?\nd: ?x\n"));
}

TEST_CASE("a comma the lexical scan misreads still stops before yaml-cpp loops (found by fuzzing krm)") {
  // A quote after ':' inside { } took the scan past the comma at the start of line 11.
  std::ifstream in(RAYLOG_SOURCE_DIR "/tests/fuzz/regressions/krm/comma-scan-misread-after-flow-quote-oom.yaml");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(firstError(text) == "t.yaml:11:1: error: invalid YAML: a value cannot start with ',' outside [ ] or { }; remove "
                            "it, or quote the value it belongs to");
}
