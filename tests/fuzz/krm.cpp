// The KRM function on any input: not a ResourceList -> a located error; a bad functionConfig or
// conflict -> error results and the items exactly as received (no partial output); otherwise
// items whose agent configs read back cleanly, and a transformer run is idempotent.
#include <cstdint>

#include "krm/krm_function.h"
#include "support/fuzz_check.h"
#include "support/fuzz_input.h"
#include "support/rendered_checks.h"
#include "yaml/source_file.h"
#include "yaml/yaml_emit.h"

namespace {

using namespace raylog;

// The items of a ResourceList.
std::vector<YAML::Node> itemsOf(const YAML::Node& list) {
  std::vector<YAML::Node> out;
  if (list["items"] && list["items"].IsSequence())
    for (const YAML::Node& item : list["items"]) out.push_back(item);
  return out;
}

YAML::Node parseList(const std::string& text) {
  std::vector<ParsedDocument> docs;
  try {
    docs = parseYamlStream(text, "krm-output");
  } catch (const InputError& e) {
    fuzz::fail(__FILE__, __LINE__, "the output does not parse back: " + e.diagnostics()[0].format());
  }
  FUZZ_CHECK(docs.size() == 1 && docs[0].root.IsMap() && docs[0].root["kind"] &&
                 docs[0].root["kind"].Scalar() == "ResourceList",
             "the output is not one ResourceList:\n" + text);
  return docs[0].root;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input = fuzz::text(data, size);
  KrmResult result;
  try {
    result = runKrmFunction(input);
  } catch (const InputError& e) {
    fuzz::checkLocated(e, "<stdin>");
    return 0;
  }
  const YAML::Node in = parseYamlStream(input, "<stdin>")[0].root;
  const YAML::Node out = parseList(result.resourceList);
  const std::vector<YAML::Node> items = itemsOf(out);
  if (!result.errors.empty()) {
    FUZZ_CHECK(emitStream(items) == emitStream(itemsOf(in)), "a failed run changed the items");
    size_t errors = 0;
    for (const YAML::Node& r : out["results"])
      if (r["severity"].Scalar() == "error") ++errors;
    FUZZ_CHECK(errors == result.errors.size(), "the errors are not all in the results");
    return 0;
  }
  fuzz::checkAgentConfigs(items);
  bool resourcesGiven = false;
  for (const YAML::Node& item : itemsOf(in)) resourcesGiven = resourcesGiven || item.IsMap();
  const YAML::Node config = in["functionConfig"];
  const bool modeSet = config["metadata"] && config["metadata"].IsMap() && config["metadata"]["annotations"] &&
                       config["metadata"]["annotations"].IsMap() &&
                       config["metadata"]["annotations"]["raylog.dev/plugin-mode"];
  if (!resourcesGiven || modeSet) return 0;
  // A transformer: running it on its own output changes nothing.
  YAML::Node again = YAML::Clone(out);
  again["functionConfig"] = config;
  const KrmResult second = runKrmFunction(emitDocument(again));
  FUZZ_CHECK(second.errors.empty(), "the function rejects its own output: " + (second.errors.empty() ? "" : second.errors[0]));
  FUZZ_CHECK(emitStream(itemsOf(parseList(second.resourceList))) == emitStream(items), "the transformer is not idempotent");
  return 0;
}
