#include "lint/file_linter.h"

#include <algorithm>
#include <sstream>

#include "agents/fluent_bit/fluent_bit_yaml_reader.h"
#include "k8s/ray_object.h"
#include "lint/rule.h"
#include "spec/spec_loader.h"
#include "yaml/source_file.h"
#include "yaml/template_syntax.h"

namespace raylog::lint {

namespace {

// Every object of a document, with the items of List objects.
void collectObjects(const YAML::Node& doc, std::vector<YAML::Node>& out) {
  if (!doc.IsMap()) return;
  if (scalarAt(doc, "kind") == "List" && doc["items"] && doc["items"].IsSequence()) {
    for (const YAML::Node& item : doc["items"]) collectObjects(item, out);
    return;
  }
  out.push_back(doc);
}

std::vector<YAML::Node> objectsOf(const std::vector<ParsedDocument>& docs) {
  std::vector<YAML::Node> objects;
  for (const ParsedDocument& d : docs) collectObjects(d.root, objects);
  return objects;
}

std::set<std::string> ignoredRules(const YAML::Node& object) {
  std::set<std::string> out;
  const YAML::Node value = childAt(object, {"metadata", "annotations", kIgnoreAnnotation});
  std::stringstream list(value && value.IsScalar() ? value.Scalar() : "");
  std::string id;
  while (std::getline(list, id, ',')) {
    id.erase(std::remove_if(id.begin(), id.end(), ::isspace), id.end());
    if (!id.empty()) out.insert(id);
  }
  return out;
}

class FileReporter : public Reporter {
 public:
  FileReporter(std::string file, const LintOptions& options, std::vector<Finding>& out)
      : file_(std::move(file)), options_(options), out_(out) {}

  void setObject(const YAML::Node& object) { ignored_ = ignoredRules(object); }

  void at(const RuleInfo& rule, const YAML::Node& node, const std::string& message) override {
    atLocation(rule, locationOf(node.Mark(), file_), message);
  }
  void atLocation(const RuleInfo& rule, const Location& where, const std::string& message) override {
    if (options_.disabled.count(rule.id) || options_.disabled.count(rule.name)) return;
    if (ignored_.count(rule.id) || ignored_.count(rule.name)) return;
    const std::string key = rule.id + "|" + where.file + ":" + std::to_string(where.line) + "|" + message;
    if (!seen_.insert(key).second) return;  // e.g. one ConfigMap reached from head and workers
    out_.push_back({rule.id, rule.severity, where, message});
  }

 private:
  std::string file_;
  const LintOptions& options_;
  std::vector<Finding>& out_;
  std::set<std::string> ignored_;
  std::set<std::string> seen_;
};

// Rules read manifests as Kubernetes would; on shapes Kubernetes itself rejects (a scalar where
// a mapping belongs) yaml-cpp throws, and that rule has nothing to say about the object.
template <typename F>
void safely(F&& check) {
  try {
    check();
  } catch (const YAML::Exception&) {
  }
}

// The kinds ObjectLinter::lint and the rules' checkObject read (List for its items); a document
// of any other kind is checked for syntax only, and never built into a tree.
bool lintReadsKind(const std::string& kind) {
  return isRayKind(kind) || kind == "ConfigMap" || kind == "DaemonSet" || kind == "RayLogging" || kind == "List";
}

class ObjectLinter {
 public:
  ObjectLinter(const std::string& text, const std::string& file, const ConfigMapIndex& configMaps,
               FileReporter& reporter, const OperatorSidecars* operatorSidecars)
      : text_(text), file_(file), configMaps_(configMaps), reporter_(reporter), operatorSidecars_(operatorSidecars) {}

  void lint(const YAML::Node& object) {
    reporter_.setObject(object);
    for (const auto& rule : allRules()) safely([&] { rule->checkObject(object, reporter_); });
    const std::string kind = scalarAt(object, "kind");
    if (isRayKind(kind)) lintRayObject(object);
    if (kind == "RayLogging" && scalarAt(object, "apiVersion").rfind("raylog.dev/", 0) == 0) lintSpec(object);
    if (kind == "ConfigMap" && object["data"] && object["data"].IsMap()) lintAgentConfigs(object["data"]);
  }

 private:
  void lintAgentConfigs(const YAML::Node& data) {
    for (auto it = data.begin(); it != data.end(); ++it) {
      if (!it->second.IsScalar()) continue;
      const std::string& value = it->second.Scalar();
      const LogAgent* owner = configOwner(value);
      if (!owner) continue;
      if (owner->kind == AgentKind::FluentBit) {
        ParsedFluentBitConfig parsed = readFluentBitConfigAnyFormat(value);
        FluentBitConfigView view{parsed, file_, it->first.Mark(), it->second.Mark(), &value,
                                 blockContentColumn(text_, it->second.Mark())};
        for (const auto& rule : allRules()) safely([&] { rule->checkFluentBit(view, reporter_); });
      } else if (owner->kind == AgentKind::Fluentd) {
        FluentdConfigView view{value, file_, it->first.Mark(), it->second.Mark(),
                               blockContentColumn(text_, it->second.Mark())};
        for (const auto& rule : allRules()) safely([&] { rule->checkFluentd(view, reporter_); });
      }
    }
  }

  // A RayLogging spec is checked as render checks it, with render's messages.
  void lintSpec(const YAML::Node& object) {
    try {
      loadSpecNode(object, file_);
    } catch (const InputError& e) {
      const RuleInfo& info = findRule("RL002")->info();
      for (const Diagnostic& d : e.diagnostics())
        reporter_.atLocation(info, d.where.line > 0 ? d.where : locationOf(object.Mark(), file_), d.message);
    }
  }

  void lintRayObject(const YAML::Node& object) {
    std::vector<RayPodTemplateRef> refs;
    safely([&] { refs = rayPodTemplates(object); });
    const std::string ns = scalarAt(object, "metadata", "namespace");
    std::vector<PodView> pods;
    pods.reserve(refs.size());
    for (RayPodTemplateRef& ref : refs)
      safely([&] { pods.push_back(PodView{object, ref, ref.tmpl.rayContainer(), agentsOf(ref.tmpl), ns, configMaps_,
                                            operatorSidecars_});
    });
    for (const PodView& p : pods)
      for (const auto& rule : allRules()) safely([&] { rule->checkPod(p, reporter_); });
    RayObjectView view{object, pods};
    for (const auto& rule : allRules()) safely([&] { rule->checkRayObject(view, reporter_); });
  }

  const std::string& text_;
  const std::string& file_;
  const ConfigMapIndex& configMaps_;
  FileReporter& reporter_;
  const OperatorSidecars* operatorSidecars_;
};

}  // namespace

FileLint lintFileText(const std::string& text, const std::string& file, const LintOptions& options,
                      const ConfigMapIndex* index, Documents documents) {
  FileLint out;
  out.refused = findTemplateSyntax(text, file);  // not a manifest yet: exit 2
  std::vector<ParsedDocument> docs;
  try {
    docs = parseYamlStream(text, file, documents == Documents::OfKindsRead ? lintReadsKind : nullptr);
  } catch (const InputError& e) {
    if (out.refused) return out;
    FileReporter reporter(file, options, out.findings);
    const RuleInfo& info = findRule("RL001")->info();
    for (const Diagnostic& d : e.diagnostics()) reporter.atLocation(info, d.where, d.message);
    return out;
  }
  const std::vector<YAML::Node> objects = objectsOf(docs);
  // A refused template's ConfigMaps still count as defined, as they always have.
  out.configMaps = agentConfigMaps(objects, text, file);
  if (out.refused) return out;
  ConfigMapIndex own;
  if (index) index->takeLookups();  // this file's lookups only
  if (!index) {
    for (auto& [key, entry] : out.configMaps) own.define(key, entry);
    index = &own;
  }
  FileReporter reporter(file, options, out.findings);
  ObjectLinter linter(text, file, *index, reporter, options.operatorSidecars.get());
  for (const YAML::Node& o : objects) safely([&] { linter.lint(o); });
  std::stable_sort(out.findings.begin(), out.findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.where.file, a.where.line, a.where.column) < std::tie(b.where.file, b.where.line, b.where.column);
  });
  out.lookups = index->takeLookups();
  return out;
}

std::vector<std::pair<std::string, ConfigMapEntry>> agentConfigMapsOf(const std::string& text, const std::string& file) {
  try {
    return agentConfigMaps(objectsOf(parseYamlStream(text, file, lintReadsKind)), text, file);
  } catch (const InputError&) {
    return {};
  }
}

}  // namespace raylog::lint
