#include "test_helpers.h"

#include <algorithm>
#include <boost/filesystem.hpp>

#include "spec/spec_loader.h"

namespace testing {

raylog::Spec specFrom(const std::string& yaml) {
  std::string text = yaml;
  if (text.rfind("spec:", 0) == 0)
    text = "apiVersion: raylog.dev/v1alpha1\nkind: RayLogging\nmetadata:\n  name: t\n" + text;
  return raylog::loadSpecText(text, "test.yaml");
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

}  // namespace testing
