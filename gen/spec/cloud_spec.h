#pragma once
// spec.gke and spec.aks: read them (defaults derived from the spec's name), give the collector
// what Azure Workload Identity needs, and check that one cloud is set and that something in the
// spec can use the identity it sets up.
#include <nlohmann/json.hpp>

#include "agents/log_agent.h"
#include "spec/spec.h"

namespace raylog {

// `sp` is the defaulted spec section; call after the collector and outputs are loaded.
void loadCloudSpecs(const nlohmann::json& sp, Spec& s);

// `given` is the spec section as written.
void checkCloudSpecs(const nlohmann::json& given, const Spec& s, SpecReport& report);

}  // namespace raylog
