#include "ray/ray_logging_settings.h"

#include <cmath>
#include <regex>

#include "agents/outputs/buffering.h"

namespace raylog {

std::vector<std::pair<std::string, std::string>> rayLoggingEnv(const RayLoggingSpec& l) {
  std::vector<std::pair<std::string, std::string>> env;
  if (!l.encoding.empty()) env.emplace_back(kRayEncodingEnv, l.encoding);
  // logging.cc compares with "1" exactly; anything else is text.
  if (l.backendJson) env.emplace_back(kRayBackendJsonEnv, *l.backendJson ? "1" : "0");
  if (!l.serveEncoding.empty()) env.emplace_back(kRayServeEncodingEnv, l.serveEncoding);
  if (l.rotationMaxBytes) env.emplace_back(kRayRotationBytesEnv, std::to_string(*l.rotationMaxBytes));
  if (l.rotationBackupCount) env.emplace_back(kRayRotationCountEnv, std::to_string(*l.rotationBackupCount));
  // env_bool: "1"/"true" on, "0"/"false" off.
  if (l.dedup) env.emplace_back(kRayDedupEnv, *l.dedup ? "1" : "0");
  return env;
}

bool boundsLogDisk(const RayLoggingSpec& l) {
  return !l.logVolumeSizeLimit.empty() || l.rotationMaxBytes || l.rotationBackupCount;
}

int64_t agentDiskBytes(const Spec& spec) {
  int64_t bytes = 64LL * 1024 * 1024;
  const bool onDisk = buffersOnDisk(spec);
  // bufferLimit is a Fluent Bit / Fluentd size; read "500M" as MiB, the larger of the readings.
  std::string limit = spec.agent.bufferLimit;
  if (!limit.empty() && (limit.back() == 'M' || limit.back() == 'G' || limit.back() == 'K')) limit += "i";
  if (!limit.empty() && limit.back() == 'B') limit.pop_back();
  const int64_t perOutput = quantityBytes(limit);
  for (const OutputSpec& o : spec.outputs) {
    if (onDisk && o.type != "stdout" && perOutput > 0) bytes += perOutput;
    if (o.type == "s3") bytes += 500LL * 1024 * 1024;  // store_dir_limit_size (README Outputs)
  }
  return bytes;
}

int64_t logVolumeLimitBytes(const Spec& spec) {
  const RayLoggingSpec& l = spec.rayLogging;
  if (!l.logVolumeSizeLimit.empty()) return quantityBytes(l.logVolumeSizeLimit);
  const int64_t maxBytes = l.rotationMaxBytes.value_or(kRayDefaultRotationBytes);
  const int64_t backups = l.rotationBackupCount.value_or(kRayDefaultBackupCount);
  return maxBytes * (backups + 1) * kRayLogFileEstimate + agentDiskBytes(spec);
}

std::string mebibytes(int64_t bytes) {
  const int64_t mi = 1024 * 1024;
  return std::to_string((bytes + mi - 1) / mi) + "Mi";
}

int64_t quantityBytes(const std::string& q) {
  static const std::regex form("^([0-9]+(?:\\.[0-9]+)?)(k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$");
  std::smatch m;
  if (!std::regex_match(q, m, form)) return -1;
  const double number = std::stod(m[1]);
  const std::string suffix = m[2];
  double factor = 1;
  static const char* const units = "kMGTPE";
  for (int i = 0; units[i]; ++i)
    if (!suffix.empty() && suffix[0] == units[i]) factor = std::pow(suffix.size() == 2 ? 1024.0 : 1000.0, i + 1);
  if (suffix == "Ki") factor = 1024;
  return static_cast<int64_t>(std::ceil(number * factor));
}

}  // namespace raylog
