#pragma once
// What each KubeRay collector release reads, taken from its source (ray-project/kuberay,
// historyserver/cmd/collector/main.go, pkg/utils, pkg/storage/*/config.go at the tag), so that
// render sets what a release needs and a test checks it sets nothing a release ignores.
#include <string>
#include <vector>

#include "spec/spec.h"

namespace raylog {

struct CollectorReleaseInfo {
  CollectorRelease id;
  std::string name;         // spec value: "v1.7"
  std::string tag;          // the KubeRay tag read: "v1.7.0"
  std::string minRay;       // oldest Ray the release works with
  std::string minRayWhy;    // where that minimum comes from
  bool configuredByFlags;   // v1.6: flags on the command line; v1.7: environment
  bool needsNodeIdHook;     // v1.6 reads /tmp/ray/raylet_node_id, written by a postStart hook
  bool movesPreviousLogs;   // v1.7 moves an earlier session's logs itself (v1.6: the Ray command)
  std::vector<std::string> env;    // every environment variable the collector reads
  std::vector<std::string> flags;  // every flag it takes (--name)
};

const std::vector<CollectorReleaseInfo>& collectorReleases();
const CollectorReleaseInfo& collectorRelease(CollectorRelease id);
const CollectorReleaseInfo* findCollectorRelease(const std::string& name);

// The event types Ray exports to the collector (KubeRay v1.7.0 operator's
// DEFAULT_RAY_EXPOSABLE_EVENT_TYPES, ray-operator/controllers/ray/utils/constant.go), under both
// names Ray releases have read (the operator sets both).
extern const char* const kRayExposableEventTypes;
extern const std::vector<std::string> kRayExposableEventTypeVars;

}  // namespace raylog
