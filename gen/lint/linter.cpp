#include "lint/linter.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "k8s/ray_object.h"
#include "lint/rule.h"
#include "spec/spec_loader.h"
#include "yaml/input_files.h"
#include "yaml/source_file.h"
#include "yaml/template_syntax.h"

namespace raylog::lint {

namespace {

// The agent whose config a ConfigMap value is (agents/*/ say how theirs looks); nullptr for none.
const LogAgent* configOwner(const std::string& text) {
  for (const LogAgent& a : logAgents())
    if (a.isConfigText && a.isConfigText(text)) return &a;
  return nullptr;
}

// Every object of a document, with the items of List objects.
void collectObjects(const YAML::Node& doc, std::vector<YAML::Node>& out) {
  if (!doc.IsMap()) return;
  if (scalarAt(doc, "kind") == "List" && doc["items"] && doc["items"].IsSequence()) {
    for (const YAML::Node& item : doc["items"]) collectObjects(item, out);
    return;
  }
  out.push_back(doc);
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

class Linter {
 public:
  explicit Linter(const LintOptions& options) : options_(options) {}

  LintResult run(const std::vector<std::string>& paths) {
    std::vector<std::string> files;
    try {
      files = expandInputPaths(paths);
    } catch (const InputError& e) {
      result_.unreadable.insert(result_.unreadable.end(), e.diagnostics().begin(), e.diagnostics().end());
      for (const std::string& p : paths)  // lint what does exist
        try {
          for (const std::string& f : expandInputPaths({p})) files.push_back(f);
        } catch (const InputError&) {
        }
    }
    for (const std::string& f : files) indexConfigMaps(f);
    for (const std::string& f : files) lintFile(f);
    return std::move(result_);
  }

  LintResult runText(const std::string& text) {
    stdinRead_ = true;
    stdin_ = text;
    return run({"-"});
  }

  // Lint `text` where file `name` is asked for.
  void setText(const std::string& name, const std::string& text) { given_[name] = text; }

 private:
  // Reads a file (stdin once, kept for the second pass); unreadable files are noted once.
  bool read(const std::string& path, std::string& text) {
    if (given_.count(path)) {
      text = given_[path];
      return true;
    }
    if (path == "-") {
      if (!stdinRead_) {
        stdinRead_ = true;
        try {
          stdin_ = readInputFile("-");
        } catch (const InputError& e) {
          noteUnreadable(e);
          return false;
        }
      }
      text = stdin_;
      return true;
    }
    try {
      text = readInputFile(path);
      return true;
    } catch (const InputError& e) {
      noteUnreadable(e);
      return false;
    }
  }

  // The name findings in `path` carry: the path, or for standard input --stdin-filename's name.
  std::string nameFor(const std::string& path) const {
    return path == "-" && !options_.stdinName.empty() ? options_.stdinName : displayName(path);
  }

  void noteUnreadable(const InputError& e) {
    for (const Diagnostic& d : e.diagnostics()) {
      const std::string key = d.format();
      if (unreadableSeen_.insert(key).second) result_.unreadable.push_back(d);
    }
  }

  void indexConfigMaps(const std::string& path) {
    std::string text;
    if (!read(path, text)) return;
    std::vector<ParsedDocument> docs;
    try {
      docs = parseYamlStream(text, nameFor(path));
    } catch (const InputError&) {
      return;  // reported in the second pass
    }
    for (const ParsedDocument& d : docs) {
      std::vector<YAML::Node> objects;
      collectObjects(d.root, objects);
      for (const YAML::Node& o : objects) {
        if (scalarAt(o, "kind") != "ConfigMap" || !o["data"] || !o["data"].IsMap()) continue;
        ConfigMapEntry entry{nameFor(path), {}};
        for (auto it = o["data"].begin(); it != o["data"].end(); ++it)
          if (it->second.IsScalar() && configOwner(it->second.Scalar()))
            entry.data[it->first.Scalar()] = {it->second.Scalar(), it->first.Mark(), it->second.Mark(),
                                              blockContentColumn(text, it->second.Mark())};
        if (!entry.data.empty())
          configMaps_[scalarAt(o, "metadata", "namespace") + "/" + scalarAt(o, "metadata", "name")] = entry;
      }
    }
  }

  void lintFile(const std::string& path) {
    std::string text;
    if (!read(path, text)) return;
    if (auto problem = findTemplateSyntax(text, nameFor(path))) {  // not a manifest yet: exit 2
      noteUnreadable(InputError(*problem));
      return;
    }
    ++result_.filesRead;
    const std::string file = nameFor(path);
    fileText_ = &text;
    FileReporter reporter(file, options_, result_.findings);
    const size_t first = result_.findings.size();
    std::vector<ParsedDocument> docs;
    try {
      docs = parseYamlStream(text, file);
    } catch (const InputError& e) {
      const RuleInfo& info = findRule("RL001")->info();
      for (const Diagnostic& d : e.diagnostics()) reporter.atLocation(info, d.where, d.message);
      return;
    }
    for (const ParsedDocument& d : docs) {
      std::vector<YAML::Node> objects;
      collectObjects(d.root, objects);
      for (const YAML::Node& o : objects) safely([&] { lintObject(o, file, reporter); });
    }
    std::stable_sort(result_.findings.begin() + static_cast<long>(first), result_.findings.end(),
                     [](const Finding& a, const Finding& b) {
                       return std::tie(a.where.file, a.where.line, a.where.column) <
                              std::tie(b.where.file, b.where.line, b.where.column);
                     });
  }

  void lintObject(const YAML::Node& object, const std::string& file, FileReporter& reporter) {
    reporter.setObject(object);
    for (const auto& rule : allRules()) safely([&] { rule->checkObject(object, reporter); });
    const std::string kind = scalarAt(object, "kind");
    if (isRayKind(kind)) lintRayObject(object, reporter);
    if (kind == "RayLogging" && scalarAt(object, "apiVersion").rfind("raylog.dev/", 0) == 0) lintSpec(object, file, reporter);
    if (kind == "ConfigMap" && object["data"] && object["data"].IsMap()) {
      for (auto it = object["data"].begin(); it != object["data"].end(); ++it) {
        if (!it->second.IsScalar()) continue;
        const std::string& value = it->second.Scalar();
        const LogAgent* owner = configOwner(value);
        if (!owner) continue;
        if (owner->kind == AgentKind::FluentBit) {
          ParsedFluentBitConfig parsed = readFluentBitConfig(value);
          FluentBitConfigView view{parsed, file, it->first.Mark(), it->second.Mark(), &value,
                                   blockContentColumn(*fileText_, it->second.Mark())};
          for (const auto& rule : allRules()) safely([&] { rule->checkFluentBit(view, reporter); });
        } else if (owner->kind == AgentKind::Fluentd) {
          FluentdConfigView view{value, file, it->first.Mark(), it->second.Mark(),
                                 blockContentColumn(*fileText_, it->second.Mark())};
          for (const auto& rule : allRules()) safely([&] { rule->checkFluentd(view, reporter); });
        }
      }
    }
  }

  // A RayLogging spec is checked as render checks it, with render's messages.
  void lintSpec(const YAML::Node& object, const std::string& file, FileReporter& reporter) {
    try {
      loadSpecNode(object, file);
    } catch (const InputError& e) {
      const RuleInfo& info = findRule("RL002")->info();
      for (const Diagnostic& d : e.diagnostics())
        reporter.atLocation(info, d.where.line > 0 ? d.where : locationOf(object.Mark(), file), d.message);
    }
  }

  void lintRayObject(const YAML::Node& object, FileReporter& reporter) {
    std::vector<RayPodTemplateRef> refs;
    safely([&] { refs = rayPodTemplates(object); });
    const std::string ns = scalarAt(object, "metadata", "namespace");
    std::vector<PodView> pods;
    pods.reserve(refs.size());
    for (RayPodTemplateRef& ref : refs)
      safely([&] { pods.push_back(PodView{object, ref, ref.tmpl.rayContainer(), agentsOf(ref.tmpl), ns, configMaps_}); });
    for (const PodView& p : pods)
      for (const auto& rule : allRules()) safely([&] { rule->checkPod(p, reporter); });
    RayObjectView view{object, pods};
    for (const auto& rule : allRules()) safely([&] { rule->checkRayObject(view, reporter); });
  }

  const LintOptions& options_;
  LintResult result_;
  ConfigMapIndex configMaps_;
  bool stdinRead_ = false;
  std::string stdin_;
  std::set<std::string> unreadableSeen_;
  std::map<std::string, std::string> given_;  // texts linted as if they were these files
  const std::string* fileText_ = nullptr;      // the text of the file being linted (pass 2)
};

}  // namespace

LintResult runLint(const std::vector<std::string>& paths, const LintOptions& options) {
  return Linter(options).run(paths);
}

LintResult lintText(const std::string& text, const LintOptions& options) {
  return Linter(options).runText(text);
}

LintResult runLintOnText(const std::string& text, const std::string& name, const LintOptions& options) {
  Linter linter(options);
  linter.setText(name, text);
  return linter.run({name});
}

}  // namespace raylog::lint
