#include "pieces/logging_names.h"

namespace raylog {

const char* const kRayLogTag = "ray";

const std::vector<std::pair<const char*, const char*>> kOriginFields = {
    {"ray_cluster", "RAYLOG_CLUSTER"}, {"namespace", "RAYLOG_NAMESPACE"}, {"pod", "RAYLOG_POD"},
    {"ray_node_type", "RAYLOG_NODE_TYPE"}, {"ray_group", "RAYLOG_GROUP"},
    {"ray_owner_kind", "RAYLOG_OWNER_KIND"}, {"ray_owner_name", "RAYLOG_OWNER_NAME"}};

std::string rayLogPaths(const std::string& logs) { return logs + "/*, " + logs + "/*/*"; }

}  // namespace raylog
