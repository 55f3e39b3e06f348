// Invariants every rendered example must hold, checked on the objects render produces.
#include <catch2/catch.hpp>

#include "k8s/ray_object.h"
#include "pieces/logging_names.h"
#include "render/render.h"
#include "spec/spec_loader.h"
#include "test_helpers.h"

using namespace raylog;

TEST_CASE("in every pod template Ray and Fluent Bit share one emptyDir at /tmp/ray") {
  for (const std::string& path : testing::exampleSpecs()) {
    CAPTURE(path);
    Spec spec = loadSpecFile(path);
    std::vector<YAML::Node> objects = renderObjects(spec);
    std::set<std::string> configMaps;
    size_t templates = 0;
    for (const YAML::Node& o : objects)
      if (o["kind"].Scalar() == "ConfigMap") configMaps.insert(o["metadata"]["name"].Scalar());

    for (const YAML::Node& o : objects) {
      for (RayPodTemplateRef& ref : rayPodTemplates(o)) {
        CAPTURE(ref.path);
        ++templates;
        YAML::Node rayMount = findMountAt(ref.tmpl.rayContainer(), kRayLogMountPath);
        REQUIRE(rayMount);
        YAML::Node volume = ref.tmpl.findVolume(rayMount["name"].Scalar());
        REQUIRE(volume);
        CHECK(volume["emptyDir"].IsMap());

        YAML::Node agent = ref.tmpl.findContainer(kFluentBitContainer);
        REQUIRE(agent);
        YAML::Node agentMount = findMountAt(agent, kRayLogMountPath);
        REQUIRE(agentMount);
        CHECK(agentMount["name"].Scalar() == rayMount["name"].Scalar());

        YAML::Node configMount = findMountAt(agent, kFluentBitConfigPath);
        REQUIRE(configMount);
        YAML::Node configVolume = ref.tmpl.findVolume(configMount["name"].Scalar());
        REQUIRE(configVolume);
        CHECK(configMaps.count(configVolume["configMap"]["name"].Scalar()) == 1);

        CHECK(agent["resources"]["requests"]["memory"]);
        CHECK(agent["resources"]["limits"]["memory"]);
        const bool native = spec.agent.sidecarMode == SidecarMode::Native;
        CHECK(static_cast<bool>(findByName(ref.tmpl.node()["spec"]["initContainers"], kFluentBitContainer)) == native);
      }
    }
    CHECK(templates == 1 + spec.workerGroups.size());
  }
}

TEST_CASE("rendering is deterministic") {
  for (const std::string& path : testing::exampleSpecs()) {
    Spec spec = loadSpecFile(path);
    CHECK(renderStream(spec) == renderStream(loadSpecFile(path)));
  }
}
