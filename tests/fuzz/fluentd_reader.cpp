// The Fluentd config reader on any text: a tree or a FluentdReadError with a line inside the
// text; lines in order; and a tree whose names, keys and values can be written (values through
// fluentdQuoted) reads back as the same tree.
#include <cstdint>

#include "agents/fluentd/fluentd_reader.h"
#include "agents/fluentd/fluentd_value.h"
#include "support/fuzz_check.h"
#include "support/fuzz_input.h"

namespace {

using namespace raylog;

void checkLines(const FluentdNode& node, int& last, int lines) {
  for (const FluentdParam& p : node.params) FUZZ_CHECK(p.line >= 1 && p.line <= lines, "a parameter line outside the text");
  for (const FluentdNode& c : node.children) {
    FUZZ_CHECK(c.line > last && c.line <= lines, "directive lines out of order");
    last = c.line;
    checkLines(c, last, lines);
  }
}

bool isBlank(char c) { return c == ' ' || c == '\t'; }

// Whether the writer below can write `node` so that it reads back the same.
bool writable(const FluentdNode& node, bool root) {
  if (!root) {
    if (node.name.empty() || node.name[0] == '/' || node.name.find_first_of(" \t>") != std::string::npos) return false;
    if (node.arg.find_first_of(">\r") != std::string::npos) return false;
  }
  for (const FluentdParam& p : node.params) {
    if (p.key.empty() || p.key[0] == '<' || p.key[0] == '#' || isBlank(p.key.back())) return false;
    if (p.key.find_first_of(" \t") != std::string::npos || fluentdValueProblem(p.value)) return false;
    if (!p.key.empty() && p.key.back() == '\r') return false;
  }
  for (const FluentdNode& c : node.children)
    if (!writable(c, false)) return false;
  return true;
}

void write(const FluentdNode& node, const std::string& indent, std::string& out) {
  for (const FluentdParam& p : node.params) out += indent + p.key + " " + fluentdQuoted(p.value) + "\n";
  for (const FluentdNode& c : node.children) {
    out += indent + "<" + c.name + (c.arg.empty() ? "" : " " + c.arg) + ">\n";
    write(c, indent + "  ", out);
    out += indent + "</" + c.name + ">\n";
  }
}

void checkSame(const FluentdNode& a, const FluentdNode& b, const std::string& written) {
  FUZZ_CHECK(a.name == b.name && a.arg == b.arg, "<" + a.name + " " + a.arg + "> reads back as <" + b.name + " " + b.arg + ">");
  FUZZ_CHECK(a.params.size() == b.params.size() && a.children.size() == b.children.size(),
             "<" + a.name + "> reads back with other parameters or blocks:\n" + written);
  for (size_t i = 0; i < a.params.size(); ++i)
    FUZZ_CHECK(a.params[i].key == b.params[i].key && a.params[i].value == b.params[i].value,
               a.params[i].key + " '" + a.params[i].value + "' reads back as " + b.params[i].key + " '" + b.params[i].value + "'");
  for (size_t i = 0; i < a.children.size(); ++i) checkSame(a.children[i], b.children[i], written);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text = fuzz::text(data, size);
  const int lines = fuzz::lineCount(text);
  FluentdNode root;
  try {
    root = readFluentdConfig(text);
  } catch (const FluentdReadError& e) {
    FUZZ_CHECK(e.line >= 1 && e.line <= lines, "an error outside the text, at line " + std::to_string(e.line));
    FUZZ_CHECK(*e.what() != '\0', "an error without a message");
    return 0;
  }
  int last = 0;
  checkLines(root, last, lines);
  if (!writable(root, true)) return 0;
  std::string written;
  write(root, "", written);
  checkSame(root, readFluentdConfig(written), written);
  return 0;
}
