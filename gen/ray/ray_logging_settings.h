#pragma once
// Ray's own logging settings (spec.ray.logging) as the environment variables Ray reads, and the
// disk the shared log volume may take. Render and inject write them through loggingPiecesFor.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "spec/spec.h"

namespace raylog {

// Names Ray reads (ray-project/ray; the Ray mirror is over the fetch limit, so these were read in
// the stored revisions of the source index, commit noted):
// python/ray/_private/ray_constants.py: RAY_LOGGING_CONFIG_ENCODING (os.environ.get, applied by
//   ray.init/LoggingConfig: TEXT or JSON), RAY_BACKEND_LOG_JSON_ENV_VAR, RAY_DEDUP_LOGS
//   (env_bool, default True);
// src/ray/util/logging.cc RayLog::InitLogFormat: RAY_BACKEND_LOG_JSON == "1" switches spdlog to
//   kLogFormatJsonPattern {"asctime":..,"levelname":"I",...}; GetRayLogRotationMaxBytesOrDefault
//   and ...BackupCountOrDefault read RAY_ROTATION_MAX_BYTES / RAY_ROTATION_BACKUP_COUNT;
// python/ray/serve/_private/constants.py: RAY_SERVE_LOG_ENCODING (default TEXT; ray PR #42781).
inline constexpr const char* kRayEncodingEnv = "RAY_LOGGING_CONFIG_ENCODING";
inline constexpr const char* kRayBackendJsonEnv = "RAY_BACKEND_LOG_JSON";
inline constexpr const char* kRayServeEncodingEnv = "RAY_SERVE_LOG_ENCODING";
inline constexpr const char* kRayRotationBytesEnv = "RAY_ROTATION_MAX_BYTES";
inline constexpr const char* kRayRotationCountEnv = "RAY_ROTATION_BACKUP_COUNT";
inline constexpr const char* kRayDedupEnv = "RAY_DEDUP_LOGS";

// Ray's rotation defaults (doc/source/ray-observability logging "Log rotation": maxBytes 512MB,
// backupCount 5), used when the spec sets one of the two.
inline constexpr int64_t kRayDefaultRotationBytes = 512LL * 1024 * 1024;
inline constexpr int64_t kRayDefaultBackupCount = 5;
// How many rotated log files one Ray pod writes at once, for the disk bound: a head's system
// components (gcs_server, raylet, dashboard and its agents, monitor, log_monitor: about 14 files
// with their .out/.err) plus three per worker process (worker-*.out, worker-*.err,
// python-core-worker-*.log) for about 6 busy workers. An estimate; disk.sizeLimit overrides it.
inline constexpr int64_t kRayLogFileEstimate = 32;
// Room for the Ray container's writable layer (pip caches, /home/ray) above the log volume.
inline constexpr int64_t kWritableLayerAllowance = 2LL * 1024 * 1024 * 1024;

// (name, value) of every variable the spec sets, in a fixed order.
std::vector<std::pair<std::string, std::string>> rayLoggingEnv(const RayLoggingSpec& logging);

// Whether render/inject bound the log volume (rotation or disk.sizeLimit given).
bool boundsLogDisk(const RayLoggingSpec& logging);

// The log emptyDir's sizeLimit in bytes: disk.sizeLimit when given, else
// maxBytes x (backupCount + 1) x kRayLogFileEstimate + the agent's disk (agentDiskBytes).
int64_t logVolumeLimitBytes(const Spec& spec);
// What the agent keeps on the log volume: each output's filesystem buffer (bufferLimit), an S3
// output's store_dir (500M), and 64Mi for offsets and state.
int64_t agentDiskBytes(const Spec& spec);

// Bytes as a Kubernetes quantity in Mi, rounded up ("1536Mi").
std::string mebibytes(int64_t bytes);
// A Kubernetes quantity ("8Gi", "500M", "1.5G", "1024") in bytes; -1 when it is not one.
int64_t quantityBytes(const std::string& quantity);

}  // namespace raylog
