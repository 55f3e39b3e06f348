#include "lint/report.h"

#include <nlohmann/json.hpp>

#include "lint/rule.h"

namespace raylog::lint {

namespace {

const RuleInfo& ruleInfo(const std::string& id) { return findRule(id)->info(); }

// ANSI select graphic rendition around text, when colouring.
std::string paint(const std::string& text, const char* sgr, bool color) {
  return color ? std::string("\x1b[") + sgr + "m" + text + "\x1b[0m" : text;
}

const char* severityColor(Severity s) {
  switch (s) {
    case Severity::Error: return "1;31";    // bold red
    case Severity::Warning: return "1;33";  // bold yellow
    case Severity::Info: return "1;36";     // bold cyan
  }
  return "1";
}

std::string textReport(const LintResult& r, bool color) {
  std::string out;
  size_t counts[3] = {0, 0, 0};
  for (const Finding& f : r.findings) {
    // Diagnostic::format's layout, "file:line:col: severity: message" on one line, with colour on its parts.
    out += paint(locationText(f.where), "1", color) + ": " +
           paint(severityName(f.severity), severityColor(f.severity), color) + ": " + oneLine(f.message) + " [" +
           paint(f.ruleId, "2", color) + "]\n";
    out += "  fix: " + ruleInfo(f.ruleId).fix + " (raylog-gen explain " + f.ruleId + ")\n";
    ++counts[static_cast<int>(f.severity)];
  }
  out += std::to_string(r.filesRead) + " file(s) linted: " + std::to_string(counts[2]) + " error(s), " +
         std::to_string(counts[1]) + " warning(s), " + std::to_string(counts[0]) + " note(s)\n";
  return out;
}

std::string jsonReport(const LintResult& r) {
  using ordered = nlohmann::ordered_json;
  ordered findings = ordered::array();
  for (const Finding& f : r.findings)
    findings.push_back(ordered{{"rule", f.ruleId},
                               {"name", ruleInfo(f.ruleId).name},
                               {"severity", severityName(f.severity)},
                               {"file", f.where.file},
                               {"line", f.where.line},
                               {"column", f.where.column},
                               {"message", f.message},
                               {"fix", ruleInfo(f.ruleId).fix}});
  ordered unreadable = ordered::array();
  for (const Diagnostic& d : r.unreadable) unreadable.push_back(d.format());
  return ordered{{"filesLinted", r.filesRead}, {"findings", findings}, {"unreadable", unreadable}}.dump(2) + "\n";
}

const char* sarifLevel(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "note";
  }
  return "error";
}

std::string sarifReport(const LintResult& r) {
  using ordered = nlohmann::ordered_json;
  ordered rules = ordered::array();
  for (const auto& rule : allRules()) {
    const RuleInfo& i = rule->info();
    rules.push_back(ordered{{"id", i.id},
                            {"name", i.name},
                            {"shortDescription", {{"text", i.summary}}},
                            {"fullDescription", {{"text", i.explanation}}},
                            {"help", {{"text", i.fix + "\n\n" + i.explanation}}},
                            {"defaultConfiguration", {{"level", sarifLevel(i.severity)}}}});
  }
  ordered results = ordered::array();
  for (const Finding& f : r.findings) {
    ordered region = {{"startLine", std::max(1, f.where.line)}};
    if (f.where.column > 0) region["startColumn"] = f.where.column;
    std::string uri = f.where.file == "<stdin>" ? "stdin" : f.where.file;
    if (uri.rfind("./", 0) == 0) uri = uri.substr(2);
    results.push_back(ordered{
        {"ruleId", f.ruleId},
        {"level", sarifLevel(f.severity)},
        {"message", {{"text", f.message}}},
        {"locations", ordered::array({ordered{{"physicalLocation",
                                               {{"artifactLocation", {{"uri", uri}}}, {"region", region}}}}})}});
  }
  ordered sarif = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", ordered::array({ordered{{"tool", {{"driver", {{"name", "raylog-gen"},
                                                             {"version", RAYLOG_VERSION},
                                                             {"informationUri", "https://raylog.dev/"},
                                                             {"rules", rules}}}}},
                                       {"results", results}}})}};
  return sarif.dump(2) + "\n";
}

// GitHub workflow commands: values escape %, CR, LF; properties also ':' and ','.
std::string ghEscape(const std::string& s, bool property) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else if (property && c == ':') out += "%3A";
    else if (property && c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

std::string githubReport(const LintResult& r) {
  std::string out;
  for (const Finding& f : r.findings) {
    const char* cmd = f.severity == Severity::Error ? "error" : f.severity == Severity::Warning ? "warning" : "notice";
    out += std::string("::") + cmd + " file=" + ghEscape(f.where.file, true) + ",line=" + std::to_string(f.where.line) +
           ",col=" + std::to_string(f.where.column) + ",title=" + ghEscape(f.ruleId + " " + ruleInfo(f.ruleId).name, true) +
           "::" + ghEscape(f.message + " Fix: " + ruleInfo(f.ruleId).fix, false) + "\n";
  }
  return out;
}

}  // namespace

bool parseFormat(const std::string& text, Format& out) {
  if (text == "text") out = Format::Text;
  else if (text == "json") out = Format::Json;
  else if (text == "sarif") out = Format::Sarif;
  else if (text == "github") out = Format::Github;
  else return false;
  return true;
}

std::string formatFindings(const LintResult& result, Format format, bool color) {
  switch (format) {
    case Format::Text: return textReport(result, color);
    case Format::Json: return jsonReport(result);
    case Format::Sarif: return sarifReport(result);
    case Format::Github: return githubReport(result);
  }
  return textReport(result, color);
}

}  // namespace raylog::lint
