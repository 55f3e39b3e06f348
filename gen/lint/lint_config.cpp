#include "lint/lint_config.h"

#include <boost/filesystem.hpp>

#include "lint/rule.h"
#include "util/edit_distance.h"
#include "yaml/source_file.h"

namespace raylog::lint {

LintConfig readLintConfig(const std::string& path) {
  const std::string file = displayName(path);
  LintConfig config;
  std::vector<ParsedDocument> docs = parseYamlStream(readInputFile(path), file);
  if (docs.empty() || docs[0].root.IsNull()) return config;
  const YAML::Node root = docs[0].root;
  if (!root.IsMap()) throw InputError(Diagnostic{docs[0].start, "expected a mapping with disable and failOn"});
  std::vector<Diagnostic> problems;
  for (auto it = root.begin(); it != root.end(); ++it) {
    const std::string key = it->first.Scalar();
    if (key == "disable") {
      if (!it->second.IsSequence()) {
        problems.push_back({locationOf(it->second.Mark(), file), "disable must be a list of rule IDs"});
        continue;
      }
      // A named copy: `it->second` is a member of a proxy that dies before the loop would use it.
      const YAML::Node list = it->second;
      for (const YAML::Node& id : list) {
        if (!id.IsScalar() || !findRule(id.Scalar())) {
          std::vector<std::string> ids;
          for (const auto& r : allRules()) ids.push_back(r->info().id);
          for (const auto& r : allRules()) ids.push_back(r->info().name);
          problems.push_back({locationOf(id.Mark(), file),
                              "unknown rule '" + (id.IsScalar() ? id.Scalar() : std::string("?")) + "'" +
                                  (id.IsScalar() ? didYouMean(id.Scalar(), ids) : "") + "; see `raylog-gen rules`"});
          continue;
        }
        config.options.disabled.insert(findRule(id.Scalar())->info().id);
      }
    } else if (key == "failOn") {
      if (!it->second.IsScalar() || !parseSeverity(it->second.Scalar(), config.failOn))
        problems.push_back({locationOf(it->second.Mark(), file),
                            (it->second.IsScalar() ? "failOn is '" + it->second.Scalar() + "'" +
                                                             didYouMean(it->second.Scalar(), {"error", "warning", "info"})
                                                       : std::string("failOn is not a word")) +
                                "; use error, warning or info"});
      config.failOnSet = true;
    } else if (key == "operatorValues") {
      // As --operator-values; a relative path is read from the config file's folder, as a
      // project's .raylog-gen.yaml is meant to work from any current folder.
      if (!it->second.IsScalar() || it->second.Scalar().empty()) {
        problems.push_back({locationOf(it->second.Mark(), file),
                            "operatorValues must be the path of the kuberay-operator values file"});
        continue;
      }
      const boost::filesystem::path given(it->second.Scalar());
      config.operatorValues =
          given.is_absolute() ? given.string() : (boost::filesystem::path(path).parent_path() / given).string();
    } else {
      problems.push_back({locationOf(it->first.Mark(), file),
                          "unknown key '" + key + "'" + didYouMean(key, {"disable", "failOn", "operatorValues"}) +
                              "; allowed keys: disable, failOn, operatorValues"});
    }
  }
  if (!problems.empty()) throw InputError(problems);
  return config;
}

}  // namespace raylog::lint
