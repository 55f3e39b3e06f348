#include "agents/fluent_bit/fluent_bit_sidecar_config.h"

#include <stdexcept>

#include "agents/fluent_bit/fluent_bit_names.h"
#include "agents/outputs/output_backend.h"
#include "agents/fluent_bit/fluent_bit_parsers.h"
#include "agents/fluent_bit/fluent_bit_storage.h"
#include "pieces/logging_names.h"
#include "ray/ray_log_files.h"

namespace raylog {

const char* const kMaxLineSize = "1MB";

FluentBitConfig fluentBitAgentConfig(const Spec& spec, const OutputSite& agentSite) {
  const AgentSpec& a = spec.agent;
  OutputSite site = agentSite;
  site.pathKey = a.pathKey;
  FluentBitConfig config;
  config.add("SERVICE")
      .set("Flush", std::to_string(a.flushSeconds))
      // Seconds to keep flushing after SIGTERM, so a stopping pod still ships its last lines.
      .set("Grace", std::to_string(a.graceSeconds))
      .set("Log_Level", a.logLevel)
      .set("Parsers_File", kParsersPath);

  config.add("INPUT")
      .set("Name", "tail")
      .set("Tag", kRayLogTag)
      // Ray's files and those of its sub-folders (serve/, ray-data/, events/, export_events/):
      // a glob does not descend, so each level is a pattern of its own.
      .set("Path", rayLogPaths(std::string(kRayLogMountPath) + "/session_latest/logs"))
      .set("Path_Key", a.pathKey)
      // The logs folder only appears once Ray has started; rescan often to pick it up.
      .set("Refresh_Interval", std::to_string(a.refreshIntervalSeconds))
      // Files found after start-up are new: read them whole. The offsets DB on the shared
      // volume keeps an agent restart from sending everything again.
      .set("Read_from_Head", "true")
      .set("DB", std::string(kRayLogMountPath) + "/" + kTailDbFile)
      .set("Mem_Buf_Limit", a.memBufLimit)
      // A line longer than the buffer is skipped (the default 32k lost a printed dataframe):
      // allow lines up to kMaxLineSize; only longer ones are skipped, with a warning, rather
      // than stopping the file (which Skip_Long_Lines Off would do).
      .set("Buffer_Max_Size", kMaxLineSize)
      .set("Skip_Long_Lines", "On");
  // Python tracebacks continue the record above them until the next timestamped line; a JSON
  // record is a line of its own.
  config.sections.back().set("multiline.parser", "ray_python_multiline");

  // Fields from Ray's line formats; a line no parser matches keeps its raw "log" and is shipped.
  // The parser filter tries its parsers in order and stops at the first that matches
  // (plugins/filter_parser/filter_parser.c, v3.2.10 and v5.1.1): with Ray's JSON encodings on,
  // JSON first, then the text formats, as Ray's files mix JSON records and plain prints.
  FluentBitSection& parse = config.add("FILTER");
  parse.set("Name", "parser").set("Match", site.match).set("Key_Name", "log");
  if (a.logFormat == "json") parse.append("Parser", "ray_json");
  parse.append("Parser", "ray_python").append("Parser", "ray_cpp").append("Parser", "ray_serve");
  parse.set("Reserve_Data", "On");

  // Which job, worker and process the file belongs to, from its name (ray/ray_log_files.h):
  // the parser filter on the path key, keeping it and the record (Preserve_Key, Reserve_Data);
  // a file no pattern matches passes unchanged (plugins/filter_parser/filter_parser.c, both
  // tags: parse_ret < 0 writes the record as it was).
  FluentBitSection& files = config.add("FILTER");
  files.set("Name", "parser").set("Match", site.match).set("Key_Name", a.pathKey);
  for (const RayLogFilePattern& f : rayLogFilePatterns()) files.append("Parser", rayFileParserName(f));
  files.set("Reserve_Data", "On").set("Preserve_Key", "On");
  // A line that names its own job (Ray's structured logging: job_id) says better than a file
  // an actor's worker shares across jobs ("ffffffff"): copied over the file's, when it is a
  // job id and not JobID::Nil() (plugins/filter_modify/modify.c, both tags: Condition
  // Key_value_matches, Hard_copy replaces the target).
  config.add("FILTER")
      .set("Name", "modify")
      .set("Match", site.match)
      .set("Condition", std::string("Key_value_matches job_id ") + kRayJobIdValueRegex)
      .set("Hard_copy", std::string("job_id ") + kRayJobIdField);

  if (spec.strategy == "sidecar") {
    // Where each record came from, from the agent's downward-API environment (pieces/).
    FluentBitSection& origin = config.add("FILTER");
    origin.set("Name", "record_modifier").set("Match", site.match);
    for (const auto& [field, var] : kOriginFields) origin.append("Record", std::string(field) + " ${" + var + "}");
  }

  for (const OutputSpec& output : spec.outputs) {
    const OutputBackend* backend = findOutputBackend(output.type);
    if (!backend) throw std::logic_error("no output backend for type " + output.type);
    backend->addOutput(output, site, config);  // every output receives every record
  }
  // Undelivered records on disk in the state folder, which outlives the agent's restarts.
  addFluentBitStorage(spec, site.stateDir, config);
  return config;
}

FluentBitConfig fluentBitSidecarConfig(const Spec& spec) {
  // State beside the offsets DB on the shared log volume; the pod from the agent's environment.
  return fluentBitAgentConfig(spec, {kRayLogTag, kRayLogMountPath, "${RAYLOG_NAMESPACE}", "${RAYLOG_CLUSTER}",
                                     "${RAYLOG_POD}", false});
}

}  // namespace raylog
