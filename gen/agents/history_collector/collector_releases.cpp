#include "agents/history_collector/collector_releases.h"

#include <stdexcept>

namespace raylog {

const char* const kRayExposableEventTypes =
    "TASK_DEFINITION_EVENT,TASK_LIFECYCLE_EVENT,ACTOR_TASK_DEFINITION_EVENT,TASK_PROFILE_EVENT,"
    "DRIVER_JOB_DEFINITION_EVENT,DRIVER_JOB_LIFECYCLE_EVENT,ACTOR_DEFINITION_EVENT,ACTOR_LIFECYCLE_EVENT,"
    "NODE_DEFINITION_EVENT,NODE_LIFECYCLE_EVENT";

const std::vector<std::string> kRayExposableEventTypeVars = {
    "RAY_DASHBOARD_AGGREGATOR_AGENT_EXPOSABLE_EVENT_TYPES",
    "RAY_DASHBOARD_AGGREGATOR_AGENT_PUBLISHER_HTTP_ENDPOINT_EXPOSABLE_EVENT_TYPES"};

const std::vector<CollectorReleaseInfo>& collectorReleases() {
  static const std::vector<CollectorReleaseInfo> all = {
      {CollectorRelease::V1_7, "v1.7", "v1.7.0", "2.55.0",
       "KubeRay v1.7's History Server guide: Ray 2.55 or later", false, false, true,
       {// cmd/collector/main.go 74-191: each flag's variable, then those without a flag
        "RAY_ROLE", "STORAGE_BACKEND", "RAY_CLUSTER_NAME", "RAY_CLUSTER_NAMESPACE", "STORAGE_ROOT_DIR", "LOG_BATCHING",
        "EVENTS_PORT", "STORAGE_BACKEND_CONFIG_PATH", "PUSH_INTERVAL", "OWNER_KIND", "OWNER_NAME", "RAY_DASHBOARD_ADDRESS",
        "ENABLE_EVENT_COLLECTOR", "ENABLE_LOG_COLLECTOR", "RAY_COLLECTOR_EVENT_DATA_DIR",
        "RAY_COLLECTOR_EVENT_ROTATION_INTERVAL", "RAY_COLLECTOR_EVENT_MAX_FILE_SIZE_MB", "RAY_COLLECTOR_EVENT_MAX_DISK_MB",
        "RAY_COLLECTOR_EVENT_COMPRESSION_ENABLED", "RAY_COLLECTOR_ADDITIONAL_ENDPOINTS", "RAY_COLLECTOR_POLL_INTERVAL",
        // pkg/utils/utils.go 211-231 (node id over HTTP), constant.go 25-30, auth.go 12-39
        "POD_IP", "FQ_RAY_IP", "RAY_DASHBOARD_PORT", "RAY_TMP_ROOT", "RAY_AUTH_MODE", "RAY_AUTH_TOKEN",
        "RAY_ENABLE_K8S_TOKEN_AUTH",
        // pkg/storage/s3/config.go 25-47 (the AWS SDK also reads AWS_REGION and its web identity)
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "S3_BUCKET", "S3_ENDPOINT", "S3_REGION",
        "S3FORCE_PATH_STYLE", "S3DISABLE_SSL",
        // pkg/storage/azureblob/config.go 32-64
        "AZURE_STORAGE_CONNECTION_STRING", "AZURE_STORAGE_ACCOUNT_URL", "AZURE_STORAGE_CONTAINER", "AZURE_STORAGE_AUTH_MODE",
        // pkg/storage/gcs/config.go 9-30; the Google SDK's default credentials read the key file
        "GCS_BUCKET", "GOOGLE_APPLICATION_CREDENTIALS",
        // pkg/storage/aliyunoss/ray/config.go 18-22, rrsa/credential.go 13-28
        "OSS_REGION", "OSS_BUCKET", "OSS_ENDPOINT", "LOCAL_TEST"},
       {"--role", "--storage-backend", "--ray-cluster-name", "--ray-cluster-namespace", "--storage-root-dir",
        "--log-batching", "--events-port", "--storage-backend-config-path", "--push-interval", "--owner-kind",
        "--owner-name", "--ray-dashboard-address", "--enable-event-collector", "--enable-log-collector",
        "--event-data-dir", "--event-rotation-interval", "--event-max-file-size-mb", "--event-max-disk-mb",
        "--event-compression-enabled"}},
      {CollectorRelease::V1_6, "v1.6", "v1.6.2", "2.52.0",
       "KubeRay v1.6's History Server samples run Ray 2.52.0", true, true, false,
       {// cmd/collector/main.go @v1.6.2 49-109
        "RAY_COLLECTOR_ADDITIONAL_ENDPOINTS", "RAY_COLLECTOR_POLL_INTERVAL", "RAY_DASHBOARD_ADDRESS",
        // pkg/storage/s3/config.go @v1.6.2 25-73: static keys only
        "AWS_S3ID", "AWS_S3SECRET", "AWS_S3TOKEN", "S3_BUCKET", "S3_ENDPOINT", "S3_REGION", "S3FORCE_PATH_STYLE",
        "S3DISABLE_SSL",
        "AZURE_STORAGE_CONNECTION_STRING", "AZURE_STORAGE_ACCOUNT_URL", "AZURE_STORAGE_CONTAINER", "AZURE_STORAGE_AUTH_MODE",
        "GCS_BUCKET", "GOOGLE_APPLICATION_CREDENTIALS",
        // pkg/storage/aliyunoss/ray/config.go @v1.6.2 15-36: no region
        "OSS_BUCKET", "OSS_ENDPOINT"},
       // cmd/collector/main.go @v1.6.2 36-44
       {"--role", "--runtime-class-name", "--ray-cluster-name", "--ray-cluster-id", "--ray-root-dir", "--log-batching",
        "--events-port", "--runtime-class-config-path", "--push-interval"}},
  };
  return all;
}

const CollectorReleaseInfo& collectorRelease(CollectorRelease id) {
  for (const CollectorReleaseInfo& r : collectorReleases())
    if (r.id == id) return r;
  throw std::logic_error("unknown collector release");
}

const CollectorReleaseInfo* findCollectorRelease(const std::string& name) {
  for (const CollectorReleaseInfo& r : collectorReleases())
    if (r.name == name) return &r;
  return nullptr;
}

}  // namespace raylog
