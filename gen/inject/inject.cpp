#include "inject/inject.h"

#include <map>
#include <set>

#include "k8s/ray_object.h"
#include "pieces/logging_names.h"
#include "pieces/logging_pieces.h"
#include "render/daemonset_objects.h"
#include "render/render.h"
#include "util/diagnostic.h"
#include "yaml/source_file.h"
#include "yaml/yaml_build.h"
#include "yaml/yaml_emit.h"

namespace raylog {

namespace {

std::string namespaceOf(const YAML::Node& object) { return scalarAt(object, "metadata", "namespace"); }

std::string describe(const YAML::Node& object) {
  return scalarAt(object, "kind") + "/" + scalarAt(object, "metadata", "name");
}

class Injector {
 public:
  explicit Injector(const Spec& spec) : spec_(spec) {
    for (const YAML::Node& o : agentObjectsIn(""))
      agentObjectKeys_.insert(scalarAt(o, "kind") + "/" + scalarAt(o, "metadata", "name"));
  }

  InjectResult run(const std::vector<SourceDocument>& documents) {
    for (const SourceDocument& d : documents) {
      if (!d.root || d.root.IsNull()) continue;
      YAML::Node object = d.root;  // edited in place: marks stay for error locations
      visit(object, d.file);
      result_.objects.push_back(object);
    }
    appendAgentObjects();
    if (!errors_.empty()) throw InputError(errors_);
    return std::move(result_);
  }

 private:
  void visit(YAML::Node object, const std::string& file) {
    if (!object.IsMap()) return;
    const std::string kind = scalarAt(object, "kind");
    if (kind == "List" && object["items"] && object["items"].IsSequence()) {
      for (YAML::Node item : object["items"]) visit(item, file);
    } else if (isRayKind(kind)) {
      injectRayObject(object, file);
    } else if (agentObjectKeys_.count(kind + "/" + scalarAt(object, "metadata", "name"))) {
      existingAgentObjects_.push_back({object, file});
    }
  }

  void injectRayObject(YAML::Node object, const std::string& file) {
    const std::string before = emitDocument(object);
    for (RayPodTemplateRef& ref : rayPodTemplates(object)) {
      const Location where = locationOf(ref.tmpl.node().Mark(), file);  // before edits replace nodes
      try {
        applyLoggingPieces(ref.tmpl, loggingPiecesFor(spec_, ref.type, ref.groupName));
      } catch (const PieceConflict& e) {
        errors_.push_back({where,
                           describe(object) + " " + ref.path + ": " + e.what()});
      } catch (const YAML::Exception& e) {  // a scalar where the pod template needs a mapping
        errors_.push_back({e.mark.is_null() ? where : locationOf(e.mark, file),
                           describe(object) + " " + ref.path + " is not a valid pod template (" + e.msg +
                               "); fix its containers, volumes and mounts, which must be mappings"});
      }
    }
    namespaces_.insert(namespaceOf(object));
    const size_t templates = rayPodTemplates(object).size();
    if (templates == 0) {
      result_.summary.push_back(describe(object) + ": no pod templates found; left unchanged");
    } else if (emitDocument(object) == before) {
      result_.summary.push_back(describe(object) + ": logging already up to date");
    } else {
      result_.summary.push_back(describe(object) + ": added " + spec_.agent.type + " logging to " +
                                std::to_string(templates) + " pod template(s) (head and " +
                                std::to_string(templates - 1) + " worker group(s))");
    }
  }

  // The objects the spec's agent needs beside the pods: the sidecars' ConfigMaps in the
  // namespace of the Ray objects that mount them; the DaemonSet stack in its own namespace.
  std::vector<YAML::Node> agentObjectsIn(const std::string& ns) const {
    if (spec_.strategy == "daemonset") return daemonSetObjects(spec_);
    std::vector<YAML::Node> out;
    for (YAML::Node cm : agentConfigMaps(spec_)) {
      YAML::Node md = y::map();  // name, then namespace, then the rest: the usual order
      md["name"] = cm["metadata"]["name"];
      if (!ns.empty()) y::set(md, "namespace", ns);
      for (auto it = cm["metadata"].begin(); it != cm["metadata"].end(); ++it) {
        const std::string key = it->first.Scalar();
        if (key != "name" && key != "namespace") md[it->first] = it->second;
      }
      cm["metadata"] = md;
      out.push_back(cm);
    }
    return out;
  }

  void appendAgentObjects() {
    if (namespaces_.empty()) return;  // no Ray object, nothing to support
    std::vector<YAML::Node> wanted;
    if (spec_.strategy == "daemonset") {
      wanted = agentObjectsIn("");
    } else {
      for (const std::string& ns : namespaces_)
        for (const YAML::Node& o : agentObjectsIn(ns)) wanted.push_back(o);
    }
    for (const YAML::Node& w : wanted) {
      const std::string kind = scalarAt(w, "kind"), name = scalarAt(w, "metadata", "name"), ns = namespaceOf(w);
      const std::string label = kind + "/" + name;
      bool found = false;
      for (auto& [existing, file] : existingAgentObjects_) {
        if (scalarAt(existing, "kind") != kind || scalarAt(existing, "metadata", "name") != name ||
            namespaceOf(existing) != ns)
          continue;
        found = true;
        if (scalarAt(existing["metadata"], "labels", kManagedByLabel) != kManagedByValue) {
          errors_.push_back({locationOf(existing.Mark(), file),
                             label + " exists but was not created by raylog-gen; rename it, or delete it so "
                             "raylog-gen can manage it"});
        } else if (emitDocument(existing) != emitDocument(w)) {
          existing = w;  // yaml-cpp nodes are references: this updates it in the output
          result_.summary.push_back(label + ": updated to the spec");
        }
      }
      if (!found) {
        result_.objects.push_back(w);
        result_.summary.push_back(label + ": added" + (ns.empty() ? "" : " in namespace " + ns));
      }
    }
  }

  const Spec& spec_;
  std::set<std::string> agentObjectKeys_;  // kind/name of what agentObjectsIn renders
  std::set<std::string> namespaces_;
  std::vector<std::pair<YAML::Node, std::string>> existingAgentObjects_;
  std::vector<Diagnostic> errors_;
  InjectResult result_;
};

}  // namespace

InjectResult injectLogging(const Spec& spec, const std::vector<SourceDocument>& documents) {
  return Injector(spec).run(documents);
}

}  // namespace raylog
