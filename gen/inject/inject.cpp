#include "inject/inject.h"

#include <algorithm>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include "k8s/ray_object.h"
#include "pieces/logging_names.h"
#include "pieces/logging_pieces.h"
#include "pieces/operator_pieces.h"
#include "render/render.h"
#include "util/diagnostic.h"
#include "yaml/source_file.h"
#include "yaml/yaml_build.h"
#include "yaml/yaml_emit.h"
#include "yaml/yaml_splice.h"

namespace raylog {

namespace {

std::string namespaceOf(const YAML::Node& object) { return scalarAt(object, "metadata", "namespace"); }

std::string describe(const YAML::Node& object) {
  return scalarAt(object, "kind") + "/" + scalarAt(object, "metadata", "name");
}

// A plain scalar that reads as a string (not a bool, null or number, YAML 1.1 or 1.2).
bool plainIsString(const std::string& t) {
  static const std::regex kNotString(
      "^(|~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|"
      "[-+]?[0-9][0-9_]*|0[xX][0-9a-fA-F_]+|0o[0-7]+|[-+]?([0-9][0-9_]*)?\\.?[0-9_]*([eE][-+]?[0-9]+)?|"
      "[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN))$");
  return !std::regex_match(t, kNotString);
}

// Same content, whatever the quoting and key order: kustomize and kpt hand a KRM function the
// items as they wrote them (`cpu: 50m` where raylog-gen wrote "50m"), and an object read back
// as it was written has not changed.
bool sameContent(const YAML::Node& a, const YAML::Node& b) {
  if (a.IsNull() || !a.IsDefined()) return b.IsNull() || !b.IsDefined();
  if (a.Type() != b.Type()) return false;
  if (a.IsScalar()) {
    if (a.Scalar() != b.Scalar()) return false;
    const bool aString = y::isStringScalar(a) || plainIsString(a.Scalar());
    const bool bString = y::isStringScalar(b) || plainIsString(b.Scalar());
    return aString == bString;
  }
  if (a.size() != b.size()) return false;
  if (a.IsSequence()) {
    for (size_t i = 0; i < a.size(); ++i)
      if (!sameContent(a[i], b[i])) return false;
    return true;
  }
  for (auto it = a.begin(); it != a.end(); ++it) {
    if (!it->first.IsScalar()) return emitDocument(a) == emitDocument(b);
    const YAML::Node other = b[it->first.Scalar()];
    if (!other.IsDefined() || !sameContent(it->second, other)) return false;
  }
  return true;
}

// Annotations kustomize, kpt and the KRM protocol put on the items they pass (index, path, id):
// theirs, so neither compared nor dropped when raylog-gen refreshes an object.
bool toolAnnotation(const std::string& key) {
  for (const char* prefix : {"config.kubernetes.io/", "internal.config.kubernetes.io/", "kustomize.config.k8s.io/",
                             "config.k8s.io/"})
    if (key.rfind(prefix, 0) == 0) return true;
  return false;
}

// A copy of `object` without tool annotations; `taken` receives them.
YAML::Node withoutToolAnnotations(const YAML::Node& object, YAML::Node* taken = nullptr) {
  YAML::Node copy = YAML::Clone(object);
  if (!copy.IsMap() || !copy["metadata"].IsMap() || !copy["metadata"]["annotations"].IsMap()) return copy;
  const YAML::Node annotations = copy["metadata"]["annotations"];
  YAML::Node kept = y::map();
  for (auto it = annotations.begin(); it != annotations.end(); ++it) {
    const bool tool = it->first.IsScalar() && toolAnnotation(it->first.Scalar());
    if (tool && taken) (*taken)[it->first] = it->second;
    if (!tool) kept[it->first] = it->second;
  }
  if (kept.size() == 0) copy["metadata"].remove("annotations");
  else copy["metadata"]["annotations"] = kept;
  return copy;
}

class Injector {
 public:
  Injector(const Spec& spec, bool operatorRoute) : spec_(spec), operatorRoute_(operatorRoute) {
    for (const YAML::Node& o : agentObjectsIn(""))
      agentObjectKeys_.insert(scalarAt(o, "kind") + "/" + scalarAt(o, "metadata", "name"));
  }

  InjectResult run(const std::vector<SourceDocument>& documents) {
    for (const SourceDocument& d : documents) {
      if (!d.root || d.root.IsNull()) continue;
      YAML::Node object = d.root;  // edited in place: marks stay for error locations
      visit(object, d.file);
      if (scalarAt(object, "kind") == "ConfigMap") configMaps_.push_back(object);
      result_.objects.push_back(object);
    }
    appendAgentObjects();
    removeUnmountedConfigMaps();
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

  // A RayJob's cluster is deleted when the job ends: its sidecars are native (they stop after
  // Ray, so the last lines are shipped) unless the spec says otherwise; other kinds get classic
  // ones, which every Kubernetes version runs.
  Spec specFor(const YAML::Node& object) const {
    Spec s = spec_;
    s.objectKind = scalarAt(object, "kind");
    s.objectName = scalarAt(object, "metadata", "name");
    if (!s.agent.sidecarModeGiven)
      s.agent.sidecarMode = scalarAt(object, "kind") == "RayJob" ? SidecarMode::Native : SidecarMode::Classic;
    return s;
  }

  void injectRayObject(YAML::Node object, const std::string& file) {
    const YAML::Node before = YAML::Clone(object);
    const Spec spec = specFor(object);
    if (!operatorRoute_) applyClusterPieces(object, spec);
    for (RayPodTemplateRef& ref : rayPodTemplates(object)) {
      const Location where = locationOf(ref.tmpl.node().Mark(), file);  // before edits replace nodes
      if (const auto [entry, list] = ref.tmpl.firstEntryNotMapping(); entry) {
        errors_.push_back({locationOf(entry.Mark(), file), describe(object) + " " + ref.path + " is not a valid pod " +
                                                               "template (an entry of " + list + " is not a mapping); " +
                                                               "fix its containers, volumes and mounts, which must be mappings"});
        continue;
      }
      try {
        if (operatorRoute_) applyOperatorVolumes(ref.tmpl, operatorPiecesFor(spec).forType(ref.type));
        else
          for (const std::string& kept : applyLoggingPieces(ref.tmpl, loggingPiecesFor(spec, ref.type, ref.groupName)))
            result_.summary.push_back(describe(object) + " " + ref.path + ": " + kept);
      } catch (const PieceConflict& e) {
        errors_.push_back({e.at.is_null() ? where : locationOf(e.at, file), describe(object) + " " + ref.path + ": " + e.what()});
      } catch (const YAML::Exception& e) {  // a scalar where the pod template needs a mapping
        errors_.push_back({e.mark.is_null() ? where : locationOf(e.mark, file),
                           describe(object) + " " + ref.path + " is not a valid pod template (" + e.msg +
                               "); fix its containers, volumes and mounts, which must be mappings"});
      }
    }
    const size_t templates = rayPodTemplates(object).size();
    if (templates == 0) {  // e.g. a RayJob with clusterSelector runs on a cluster defined elsewhere
      result_.summary.push_back(describe(object) + ": no pod templates found; left unchanged");
      return;
    }
    namespaces_.insert(namespaceOf(object));  // its pods mount the agent's ConfigMaps
    if (sameContent(before, object)) {
      result_.summary.push_back(describe(object) + ": logging already up to date");
    } else if (operatorRoute_) {
      result_.summary.push_back(describe(object) + ": added the volumes the operator's " + spec.agent.type +
                                " sidecars mount to " + std::to_string(templates) + " pod template(s)");
    } else {
      const bool native = spec.strategy == "sidecar" && spec.agent.sidecarMode == SidecarMode::Native;
      result_.summary.push_back(describe(object) + ": added " + spec.agent.type + " logging to " +
                                std::to_string(templates) + " pod template(s) (head and " +
                                std::to_string(templates - 1) + " worker group(s))" +
                                (native ? ", native sidecars" : ""));
    }
  }

  // The objects the spec's agent needs beside the pods: the sidecars' ConfigMaps in the
  // namespace of the Ray objects that mount them; the DaemonSet stack in its own namespace.
  std::vector<YAML::Node> agentObjectsIn(const std::string& ns) const {
    if (spec_.strategy == "daemonset") return daemonSetObjects(spec_);
    return agentConfigMapsIn(spec_, ns);
  }

  void appendAgentObjects() {
    if (namespaces_.empty()) return;  // no Ray object, nothing to support
    if (operatorRoute_) return;       // render --operator-values writes them, once per namespace
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
        } else {
          YAML::Node toolAnnotations = y::map();
          if (sameContent(withoutToolAnnotations(existing, &toolAnnotations), w)) continue;
          YAML::Node updated = YAML::Clone(w);
          for (auto it = toolAnnotations.begin(); it != toolAnnotations.end(); ++it)
            updated["metadata"]["annotations"][it->first] = it->second;
          existing = updated;  // yaml-cpp nodes are references: this updates it in the output
          result_.summary.push_back(label + ": updated to the spec");
        }
      }
      if (!found) {
        result_.objects.push_back(w);
        result_.summary.push_back(label + ": added" + (ns.empty() ? "" : " in namespace " + ns));
      }
    }
  }

  // ConfigMaps raylog-gen wrote for this spec that no pod mounts any more (the spec switched
  // agents): left behind, they look like live configuration.
  void removeUnmountedConfigMaps() {
    if (spec_.strategy == "daemonset") return;  // its ConfigMaps are the DaemonSet's, not the pods'
    std::set<std::string> mounted;
    for (const YAML::Node& o : result_.objects) collectConfigMapRefs(o, namespaceOf(o), mounted);
    std::vector<YAML::Node> kept;
    for (const YAML::Node& o : result_.objects) {
      const bool stale = isConfigMapIn(o) && scalarAt(o["metadata"], "labels", kManagedByLabel) == kManagedByValue &&
                         scalarAt(o["metadata"], "labels", "app.kubernetes.io/instance") == spec_.name &&
                         namespaces_.count(namespaceOf(o)) && !mounted.count(namespaceOf(o) + "/" + scalarAt(o, "metadata", "name"));
      if (!stale) {
        kept.push_back(o);
        continue;
      }
      result_.removed.push_back(o);
      result_.summary.push_back(describe(o) + ": removed (raylog-gen wrote it for this spec; no pod mounts it any more)");
    }
    result_.objects = kept;
  }

  bool isConfigMapIn(const YAML::Node& o) const {
    for (const YAML::Node& c : configMaps_)
      if (c.is(o)) return true;
    return false;
  }

  // Every ConfigMap a volume (or a projected volume's source) names, as namespace/name.
  static void collectConfigMapRefs(const YAML::Node& n, const std::string& ns, std::set<std::string>& out) {
    if (n.IsMap()) {
      for (auto it = n.begin(); it != n.end(); ++it) {
        if (it->first.IsScalar() && it->first.Scalar() == "configMap" && it->second.IsMap() && it->second["name"] &&
            it->second["name"].IsScalar())
          out.insert(ns + "/" + it->second["name"].Scalar());
        collectConfigMapRefs(it->second, ns, out);
      }
    } else if (n.IsSequence()) {
      for (const YAML::Node& item : n) collectConfigMapRefs(item, ns, out);
    }
  }

  const Spec& spec_;
  const bool operatorRoute_;
  std::vector<YAML::Node> configMaps_;  // the input's top-level ConfigMaps
  std::set<std::string> agentObjectKeys_;  // kind/name of what agentObjectsIn renders
  std::set<std::string> namespaces_;
  std::vector<std::pair<YAML::Node, std::string>> existingAgentObjects_;
  std::vector<Diagnostic> errors_;
  InjectResult result_;
};

}  // namespace

InjectResult injectLogging(const Spec& spec, const std::vector<SourceDocument>& documents, bool operatorRoute) {
  if (operatorRoute) {
    std::vector<Diagnostic> problems;
    for (const std::string& p : operatorRouteProblems(spec)) problems.push_back({Location{"RayLogging/" + spec.name}, p});
    if (!problems.empty()) throw InputError(problems);
  }
  return Injector(spec, operatorRoute).run(documents);
}

// Every input stream comes back as it was read, chunk by chunk: unchanged documents byte for byte,
// changed ones with only their changed nodes emitted again (yaml_splice), removed ones left out;
// then the objects inject added.
std::string injectedStream(const std::vector<SourceDocument>& documents, const InjectResult& result,
                           std::vector<std::string>* notes) {
  auto in = [](const std::vector<YAML::Node>& list, const YAML::Node& n) {
    return std::any_of(list.begin(), list.end(), [&](const YAML::Node& x) { return x.is(n); });
  };
  std::string out;
  std::vector<const SourceText*> done;
  for (const SourceDocument& first : documents) {
    const SourceText* source = first.source.get();
    if (!source) return emitStream(result.objects);  // not read from text (the KRM function's items)
    if (std::find(done.begin(), done.end(), source) != done.end()) continue;
    done.push_back(source);
    std::string file;
    for (size_t c = 0; c < source->chunks.size(); ++c) {
      const auto [begin, end] = source->chunks[c];
      std::string chunk = source->text.substr(begin, end - begin);
      const SourceDocument* doc = nullptr;
      for (const SourceDocument& d : documents)
        if (d.source.get() == source && d.chunk == c) doc = &d;
      if (doc && in(result.removed, doc->root)) continue;
      if (doc) {
        // The marker line stays; the document's body is spliced, or emitted whole if it cannot be.
        const size_t bodyAt = chunk.compare(0, 3, "---") == 0 ? std::min(chunk.find('\n'), chunk.size() - 1) + 1 : 0;
        const std::string marker = chunk.substr(0, bodyAt), body = chunk.substr(bodyAt);
        const bool plainMarker = marker.empty() || marker.find_first_not_of("- \r\n") == std::string::npos;
        const std::optional<std::string> spliced = plainMarker ? spliceDocument(body, doc->root) : std::nullopt;
        if (!spliced && notes) notes->push_back(describe(doc->root) + ": written out whole; its comments and formatting are not kept");
        chunk = spliced ? marker + *spliced : (marker.empty() ? "" : "---\n") + emitDocument(doc->root);
      }
      file += chunk;
    }
    if (!out.empty() && out.back() != '\n') out += "\n";
    if (!out.empty() && file.compare(0, 3, "---") != 0) out += "---\n";
    out += file;
  }
  for (const YAML::Node& o : result.objects)
    if (!std::any_of(documents.begin(), documents.end(), [&](const SourceDocument& d) { return d.root.is(o); })) {
      if (!out.empty() && out.back() != '\n') out += "\n";
      out += "---\n" + emitDocument(o);
    }
  return out;
}

}  // namespace raylog
