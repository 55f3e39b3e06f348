#include "test_helpers.h"

#include <algorithm>
#include <boost/filesystem.hpp>
#include <catch2/catch.hpp>
#include <set>

#include "agents/fluent_bit/fluent_bit_names.h"
#include "agents/fluentd/fluentd_names.h"
#include "agents/fluentd/fluentd_sidecar_config.h"
#include "agents/history_collector/collector_names.h"
#include "k8s/ray_object.h"
#include "pieces/daemonset_pieces.h"
#include "pieces/logging_names.h"
#include "spec/spec_loader.h"

namespace testing {

raylog::Spec specFrom(const std::string& yaml) {
  std::string text = yaml;
  if (text.rfind("spec:", 0) == 0)
    text = "apiVersion: raylog.dev/v1alpha1\nkind: RayLogging\nmetadata:\n  name: t\n" + text;
  return raylog::loadSpecText(text, "test.yaml");
}

std::vector<raylog::Diagnostic> specProblems(const std::string& yaml) {
  try {
    specFrom(yaml);
  } catch (const raylog::InputError& e) {
    return e.diagnostics();
  }
  return {};
}

std::vector<std::string> exampleSpecs() {
  std::vector<std::string> out;
  for (const auto& entry : boost::filesystem::directory_iterator(std::string(RAYLOG_SOURCE_DIR) + "/examples")) {
    auto spec = entry.path() / "raylog.yaml";
    if (boost::filesystem::exists(spec)) out.push_back(spec.string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Objects with the items of List objects spliced in, as kubectl sees them.
static std::vector<YAML::Node> flattenLists(const std::vector<YAML::Node>& objects) {
  std::vector<YAML::Node> all;
  for (const YAML::Node& o : objects) {
    all.push_back(o);
    if (o["kind"].Scalar() == "List")
      for (const YAML::Node& item : o["items"]) all.push_back(item);
  }
  return all;
}

size_t checkLoggingInvariants(const std::vector<YAML::Node>& objects, const std::function<bool(const YAML::Node&)>& native,
                              const std::string& agentName) {
  using namespace raylog;
  const bool fluentd = agentName == kFluentdContainer;
  const std::string configPath = fluentd ? kFluentdConfigDir : kFluentBitConfigDir;
  std::set<std::string> configMaps;
  for (const YAML::Node& o : objects)
    if (o["kind"].Scalar() == "ConfigMap") configMaps.insert(o["metadata"]["name"].Scalar());
  size_t templates = 0;
  for (const YAML::Node& ray : flattenLists(objects)) {
    for (RayPodTemplateRef& ref : rayPodTemplates(ray)) {
      CAPTURE(ref.path);
      ++templates;
      YAML::Node rayMount = findMountAt(ref.tmpl.rayContainer(), kRayLogMountPath);
      REQUIRE(rayMount);
      YAML::Node volume = ref.tmpl.findVolume(rayMount["name"].Scalar());
      REQUIRE(volume);
      CHECK(volume["emptyDir"].IsMap());

      YAML::Node agent = ref.tmpl.findContainer(agentName);
      REQUIRE(agent);
      CHECK_FALSE(ref.tmpl.findContainer(fluentd ? kFluentBitContainer : kFluentdContainer));  // one agent
      YAML::Node agentMount = findMountAt(agent, kRayLogMountPath);
      REQUIRE(agentMount);
      CHECK(agentMount["name"].Scalar() == rayMount["name"].Scalar());

      YAML::Node configMount = findMountAt(agent, configPath);
      REQUIRE(configMount);
      YAML::Node configVolume = ref.tmpl.findVolume(configMount["name"].Scalar());
      REQUIRE(configVolume);
      CHECK(configMaps.count(configVolume["configMap"]["name"].Scalar()) == 1);

      CHECK(agent["resources"]["requests"]["memory"]);
      CHECK(agent["resources"]["limits"]["memory"]);
      CHECK(static_cast<bool>(findByName(ref.tmpl.node()["spec"]["initContainers"], agentName)) == native(ray));
    }
  }
  return templates;
}

size_t checkStderrInvariants(const std::vector<YAML::Node>& objects) {
  using namespace raylog;
  size_t templates = 0;
  for (const YAML::Node& o : flattenLists(objects)) {
    if (o["kind"].Scalar() == "ConfigMap") CHECK_FALSE(o["metadata"]["labels"]);  // only the user's own
    for (RayPodTemplateRef& ref : rayPodTemplates(o)) {
      CAPTURE(ref.path);
      ++templates;
      YAML::Node env = findByName(ref.tmpl.rayContainer()["env"], "RAY_LOG_TO_STDERR");
      REQUIRE(env);
      CHECK(env["value"].Scalar() == "1");
      CHECK(ref.tmpl.node()["spec"]["containers"].size() == 1);
      CHECK_FALSE(ref.tmpl.node()["spec"]["initContainers"]);
      CHECK_FALSE(findMountAt(ref.tmpl.rayContainer(), kRayLogMountPath));
    }
  }
  return templates;
}

// agent type history-collector: the collector alone shares the emptyDir with Ray.
static size_t checkCollectorOnlyInvariants(const std::vector<YAML::Node>& objects,
                                           const std::function<bool(const YAML::Node&)>& native) {
  using namespace raylog;
  size_t templates = 0;
  for (const YAML::Node& o : flattenLists(objects)) {
    if (o["kind"].Scalar() == "ConfigMap") CHECK_FALSE(o["metadata"]["labels"]);  // only the user's own
    for (RayPodTemplateRef& ref : rayPodTemplates(o)) {
      CAPTURE(ref.path);
      ++templates;
      YAML::Node rayMount = findMountAt(ref.tmpl.rayContainer(), kRayLogMountPath);
      YAML::Node collector = ref.tmpl.findContainer(kCollectorContainer);
      REQUIRE(rayMount);
      REQUIRE(collector);
      CHECK(findMountAt(collector, kRayLogMountPath)["name"].Scalar() == rayMount["name"].Scalar());
      CHECK(ref.tmpl.findVolume(rayMount["name"].Scalar())["emptyDir"].IsMap());
      CHECK_FALSE(ref.tmpl.findContainer(kFluentBitContainer));
      CHECK(static_cast<bool>(findByName(ref.tmpl.node()["spec"]["initContainers"], kCollectorContainer)) == native(o));
    }
  }
  return templates;
}

// strategy daemonset: every Ray pod writes /tmp/ray into its own sub-folder of the host path
// the DaemonSet reads, and the DaemonSet mounts that path and a rendered ConfigMap.
static size_t checkDaemonSetInvariants(const raylog::Spec& spec, const std::vector<YAML::Node>& objects) {
  using namespace raylog;
  size_t templates = 0, daemonSets = 0;
  std::set<std::string> configMaps;
  for (const YAML::Node& o : objects)
    if (o["kind"].Scalar() == "ConfigMap") configMaps.insert(o["metadata"]["name"].Scalar());
  for (const YAML::Node& o : flattenLists(objects)) {
    if (o["kind"].Scalar() == "DaemonSet") {
      ++daemonSets;
      PodTemplate agentPod(o["spec"]["template"]);
      YAML::Node agent = agentPod.findContainer(kFluentBitContainer);
      REQUIRE(agent);
      YAML::Node logs = findMountAt(agent, spec.daemonset.hostPath);
      REQUIRE(logs);
      CHECK(agentPod.findVolume(logs["name"].Scalar())["hostPath"]["path"].Scalar() == spec.daemonset.hostPath);
      CHECK(configMaps.count(agentPod.findVolume(kFluentBitConfigVolume)["configMap"]["name"].Scalar()) == 1);
      CHECK(agent["readinessProbe"]["httpGet"]);
      CHECK(o["spec"]["template"]["spec"]["tolerations"].size() > 0);
    }
    for (RayPodTemplateRef& ref : rayPodTemplates(o)) {
      CAPTURE(ref.path);
      ++templates;
      YAML::Node mount = findMountAt(ref.tmpl.rayContainer(), kRayLogMountPath);
      REQUIRE(mount);
      CHECK(mount["subPathExpr"].Scalar() == kPodLogSubPath);
      CHECK(ref.tmpl.findVolume(mount["name"].Scalar())["hostPath"]["path"].Scalar() == spec.daemonset.hostPath);
      CHECK(findByName(ref.tmpl.rayContainer()["env"], "POD_NAME"));
      CHECK(findByName(ref.tmpl.node()["spec"]["initContainers"], "ray-log-dir"));
      CHECK_FALSE(ref.tmpl.findContainer(kFluentBitContainer));
    }
  }
  return daemonSets == 1 || objects.size() == 0 ? templates : 0;
}

size_t checkInvariantsFor(const raylog::Spec& spec, const std::vector<YAML::Node>& objects) {
  if (spec.strategy == "daemonset") return checkDaemonSetInvariants(spec, objects);
  if (spec.strategy == "stderr") return checkStderrInvariants(objects);
  // The spec's agent.sidecarMode when it sets one; else native exactly for RayJobs (render and inject).
  const auto native = [&spec](const YAML::Node& object) {
    if (spec.agent.sidecarModeGiven) return spec.agent.sidecarMode == raylog::SidecarMode::Native;
    return object["kind"].Scalar() == "RayJob";
  };
  if (spec.agent.type == "history-collector") return checkCollectorOnlyInvariants(objects, native);
  return checkLoggingInvariants(objects, native,
                                spec.agent.type == "fluentd" ? raylog::kFluentdContainer : raylog::kFluentBitContainer);
}

}  // namespace testing
