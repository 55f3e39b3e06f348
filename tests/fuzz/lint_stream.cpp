// lint on any manifest stream: no exception escapes, every finding is located inside the input
// and reported on one line, findings come in position order, and linting is deterministic.
#include <algorithm>
#include <cstdint>
#include <tuple>

#include "lint/linter.h"
#include "lint/report.h"
#include "support/fuzz_check.h"
#include "support/fuzz_input.h"
#include "yaml/template_syntax.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace raylog;
  const std::string text = fuzz::text(data, size);
  const lint::LintResult result = lint::lintText(text, {});
  // A Go/Helm template is refused whole (exit 2, README "lint"), with one located reason; any
  // other stream is read.
  if (const auto templated = findTemplateSyntax(text, "<stdin>")) {
    FUZZ_CHECK(result.filesRead == 0 && result.unreadable.size() == 1 && result.findings.empty(),
               "a template was linted instead of refused");
    FUZZ_CHECK(result.unreadable[0].format() == templated->format(), "a template refused with another reason");
    FUZZ_CHECK(templated->where.line >= 1 && templated->where.line <= fuzz::lineCount(text), "a template refused outside the input");
    return 0;
  }
  FUZZ_CHECK(result.filesRead == 1 && result.unreadable.empty(), "the stream was not read");
  const int lines = fuzz::lineCount(text);
  for (size_t i = 0; i < result.findings.size(); ++i) {
    const lint::Finding& f = result.findings[i];
    const std::string where = f.ruleId + " at " + f.where.file + ":" + std::to_string(f.where.line) + ": " + f.message;
    FUZZ_CHECK(!f.ruleId.empty() && !f.message.empty(), "a finding without a rule or message: " + where);
    FUZZ_CHECK(f.where.file == "<stdin>", "a finding in another file: " + where);
    FUZZ_CHECK(f.where.line >= 1 && f.where.line <= lines + 1, "a finding outside the input: " + where);
    const std::string line = Diagnostic{f.where, f.message}.format();  // as the text report prints it
    FUZZ_CHECK(line.find('\n') == std::string::npos && line.find('\r') == std::string::npos,
               "a finding's report spans lines: " + where);
    if (i > 0) {
      const Location& a = result.findings[i - 1].where;
      FUZZ_CHECK(std::tie(a.line, a.column) <= std::tie(f.where.line, f.where.column), "findings out of order at " + where);
    }
  }
  const lint::LintResult again = lint::lintText(text, {});
  FUZZ_CHECK(again.findings.size() == result.findings.size(), "linting twice finds different things");
  // The text report as printed, coloured or not: a finding line and its fix line each, then the total.
  for (const bool color : {false, true}) {
    const std::string report = lint::formatFindings(result, lint::Format::Text, color);
    FUZZ_CHECK(report.find('\r') == std::string::npos &&
                   static_cast<size_t>(std::count(report.begin(), report.end(), '\n')) == 2 * result.findings.size() + 1,
               "the text report has a finding spanning lines");
  }
  for (size_t i = 0; i < again.findings.size(); ++i)
    FUZZ_CHECK(again.findings[i].message == result.findings[i].message &&
                   again.findings[i].where.line == result.findings[i].where.line,
               "linting twice finds different things");
  return 0;
}
