// RL203 (warning): tail without Path_Key. RL204 (error): Path_Key set to a boolean-looking word.
#include <set>

#include "lint/config_helpers.h"
#include "lint/rule.h"

namespace raylog::lint {
namespace {
const RuleInfo kMissing{
    "RL203", "tail-path-key-missing", Severity::Warning,
    "tail has no Path_Key: records do not say which file they came from",
    "Set Path_Key file",
    "Ray writes a dozen files per node (raylet.out, worker-*.err, dashboard.log, ...). Without the\n"
    "file name in each record, a line cannot be traced to its component or worker.\n\n"
    "Bad:\n  [INPUT]\n    Name tail\n\nGood:\n  [INPUT]\n    Name tail\n    Path_Key file\n"};

const RuleInfo kBoolean{
    "RL204", "tail-path-key-boolean", Severity::Error,
    "Path_Key is set to a boolean-looking word: it names the record key, it is not a switch",
    "Use a key name: Path_Key file",
    "Path_Key's value is the name of the key that holds the path. The guide's `Path_Key true`\n"
    "stores the path under a key called \"true\".\n\n"
    "Bad:\n    Path_Key true\n\nGood:\n    Path_Key file\n"};

bool booleanLooking(const std::string& v) {
  static const std::set<std::string> words = {"true", "false", "on", "off", "yes", "no", "1", "0"};
  std::string lower;
  for (char c : v) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return words.count(lower) > 0;
}

class PathKeyMissing : public Rule {
 public:
  const RuleInfo& info() const override { return kMissing; }
  void checkFluentBit(const FluentBitConfigView& v, Reporter& r) const override {
    for (size_t i : sectionsOf(v.parsed.config, "INPUT", "tail"))
      if (v.parsed.config.sections[i].get("Path_Key").empty())
        r.atLocation(kMissing, v.lineLocation(v.parsed.lines.sectionLine[i]),
                     "tail has no Path_Key, so records do not name their file");
  }
};

class PathKeyBoolean : public Rule {
 public:
  const RuleInfo& info() const override { return kBoolean; }
  void checkFluentBit(const FluentBitConfigView& v, Reporter& r) const override {
    for (size_t i : sectionsOf(v.parsed.config, "INPUT", "tail")) {
      const std::string key = v.parsed.config.sections[i].get("Path_Key");
      if (booleanLooking(key))
        r.atLocation(kBoolean, v.lineLocation(lineOf(v.parsed, i, "Path_Key")),
                     "Path_Key " + key + " stores the file path under a key called \"" + key + "\"");
    }
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL203() { return std::make_unique<PathKeyMissing>(); }
std::unique_ptr<Rule> makeRL204() { return std::make_unique<PathKeyBoolean>(); }
}  // namespace raylog::lint
