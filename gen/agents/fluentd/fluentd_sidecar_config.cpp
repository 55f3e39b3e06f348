#include "agents/fluentd/fluentd_sidecar_config.h"

#include <stdexcept>

#include "agents/fluentd/fluentd_value.h"
#include "agents/outputs/buffering.h"
#include "agents/outputs/output_backend.h"
#include "ray/ray_log_files.h"
#include "ray/ray_log_formats.h"
#include "pieces/logging_names.h"

namespace raylog {

namespace {

const char* const kTimeFormat = "%Y-%m-%d %H:%M:%S,%L";

// One tail source. In text mode a record runs from a line `firstLine` matches to the next one;
// lines before a file's first such line are records of their own.
void addTail(const Spec& spec, FluentdConfig& config, const std::string& id, const std::string& paths,
             const std::string& excludePaths, const std::string& posFile, const char* firstLine) {
  const AgentSpec& a = spec.agent;
  FluentdDirective& src = config.add("source");
  src.set("@type", "tail").set("@id", id);
  // in_tail warns once for every line that comes before a file's first timestamped line (user
  // prints in worker-*.out); those lines are shipped all the same (emit_unmatched_lines), so
  // below debug the warning is only noise.
  if (a.logLevel != "debug" && a.logLevel != "trace") src.set("@log_level", "error");
  src.set("path", paths);
  if (!excludePaths.empty()) src.set("exclude_path", excludePaths);
  // Offsets on the shared volume: an agent restart resumes where it stopped.
  src.set("pos_file", std::string(kRayLogMountPath) + "/" + posFile)
      .set("tag", kRayLogTag)
      .set("path_key", a.pathKey)
      // Files found after start-up are new: read them whole.
      .set("read_from_head", "true")
      // The logs folder only appears once Ray has started; rescan often to pick it up.
      .set("refresh_interval", std::to_string(a.refreshIntervalSeconds))
      // Ray rotates raylet.out to raylet.out.1, which the glob also matches: follow the file, not
      // the name, so a rotated file is not read again.
      .set("follow_inodes", "true");
  src.set("emit_unmatched_lines", "true").set("multiline_flush_interval", "1s");
  src.add("parse")
      .set("@type", "multiline")
      .setLiteral("format_firstline", std::string("/") + firstLine + "/")
      .setLiteral("format1", "/(?<log>.*)/");
}

// Ray's files and those of its sub-folders (serve/, ray-data/, events/, ...); in_tail splits
// the lists at commas. In text mode the workers' own stdout/stderr (worker-*.out|err: prints
// and tracebacks without timestamps) get a source of their own, where a traceback opens a
// record; in Ray's component logs it continues the ERROR line above it. Fluentd's multiline
// parser has only a first-line pattern, so the two cannot share one source.
//
// With Ray's JSON encodings (logFormat json) a JSON record is one line, and the files where
// records of the user's loggers land (worker-*.out|err, and job-driver-*.log, where a driver's
// prints and log records mix) interleave JSON records with prints and tracebacks. As a line
// after a record's first line joins it, and a JSON record joined by a print would no longer
// parse, there every line opens a record except a traceback's continuation lines; in Ray's
// component logs a JSON record opens one as a timestamped line does.
void addTails(const Spec& spec, FluentdConfig& config) {
  const std::string logs = std::string(kRayLogMountPath) + "/session_latest/logs";
  const bool json = spec.agent.logFormat == "json";
  const std::string workers = logs + "/worker-*.out, " + logs + "/worker-*.err" +
                              (json ? ", " + logs + "/job-driver-*.log" : "");
  const std::string componentFirst = json ? std::string("^(?:") + (kRecordStartRegex + 1) + "|" + kJsonRecordOpener + ")"
                                          : std::string(kRecordStartRegex);
  const std::string workerFirst = json ? std::string("^(?!") + kTracebackContinuation + ")" : std::string(kRecordFirstLineRegex);
  addTail(spec, config, "ray_logs", rayLogPaths(logs), workers, kFluentdPosFile, componentFirst.c_str());
  addTail(spec, config, "ray_worker_logs", workers, "", kFluentdWorkerPosFile, workerFirst.c_str());
}

// Parses the "log" field with `parse`'s settings; a record that does not match, or whose "log"
// an earlier parser already took apart, passes on unchanged: nothing is dropped.
FluentdDirective& addParserFilter(FluentdConfig& config) {
  FluentdDirective& f = config.add("filter", kRayLogTag);
  f.set("@type", "parser")
      .set("key_name", "log")
      .set("reserve_data", "true")
      .set("remove_key_name_field", "true")
      .set("emit_invalid_record_to_error", "false");
  return f;
}

void addRegexParser(FluentdConfig& config, const char* regex) {
  addParserFilter(config)
      .add("parse")
      .set("@type", "regexp")
      .setLiteral("expression", std::string("/") + regex + "/")
      .set("time_key", "time")
      .set("time_format", kTimeFormat)
      .set("keep_time_key", "true");
}

// Fields from another field's value (`key`), the record's time kept: without a time_key the
// regexp parser would stamp the record with the current time (parser.rb parse_time,
// estimate_current_event), so reserve_time (filter_parser.rb v1.19.3).
void addFieldParser(FluentdConfig& config, const std::string& key, const std::string& regex) {
  FluentdDirective& f = config.add("filter", kRayLogTag);
  f.set("@type", "parser")
      .set("key_name", key)
      .set("reserve_data", "true")
      .set("reserve_time", "true")
      .set("emit_invalid_record_to_error", "false");
  f.add("parse").set("@type", "regexp").setLiteral("expression", "/" + regex + "/");
}

// Which job, worker and process a file belongs to, from its name (ray/ray_log_files.h): one
// parser filter per pattern (a filter takes one parser); the patterns exclude each other, and a
// record whose file none matches passes unchanged, as a record without the key does
// (filter_parser.rb: reserve_data).
void addFileFields(const Spec& spec, FluentdConfig& config) {
  for (const RayLogFilePattern& f : rayLogFilePatterns()) addFieldParser(config, spec.agent.pathKey, f.regex);
  // A line that names its own job (Ray's structured logging: job_id) says better than a file an
  // actor's worker shares across jobs ("ffffffff"): the parsed value replaces the file's
  // (handle_parsed: record.merge).
  addFieldParser(config, "job_id", std::string("^(?<") + kRayJobIdField + ">" + kRayJobIdValue + ")$");
}

}  // namespace

FluentdConfig fluentdSidecarConfig(const Spec& spec) {
  const AgentSpec& a = spec.agent;
  FluentdConfig config;
  config.add("system").set("log_level", a.logLevel);
  addTails(spec, config);

  // Fields from Ray's line formats (the same regexes as the Fluent Bit parsers).
  if (a.logFormat == "json") {
    // Ray's structured logging: a JSON object whose asctime is the record's time. A line that
    // is not JSON passes on to the text parsers below; one that is loses its "log" here, so they
    // pass it on unchanged.
    addParserFilter(config)
        .add("parse")
        .set("@type", "json")
        .set("time_key", "asctime")
        .set("time_format", kTimeFormat)
        .set("keep_time_key", "true");
  }
  addRegexParser(config, kRayPythonRegex);
  addRegexParser(config, kRayCppRegex);
  addRegexParser(config, kRayServeRegex);
  addFileFields(spec, config);

  // Where each record came from, from the agent's downward-API environment (pieces/).
  FluentdDirective& origin = config.add("filter", kRayLogTag);
  origin.set("@type", "record_transformer");
  FluentdDirective& record = origin.add("record");
  for (const auto& [field, var] : kOriginFields) record.setLiteral(field, fluentdEnvReference(var));

  FluentdDirective& match = config.add("match", kRayLogTag);
  auto fill = [&](const OutputSpec& output, FluentdDirective& out) {
    const OutputBackend* backend = findOutputBackend(output.type);
    if (!backend || !backend->addFluentdOutput)
      throw std::logic_error("output type " + output.type + " has no Fluentd output");
    FluentdBuffer buffer{a.flushSeconds, "", a.bufferLimit};
    // Each output its own folder beside the tail pos_file on the shared volume (buffering.h).
    if (buffersOnDisk(spec) && output.type != "stdout")
      buffer.path = std::string(kRayLogMountPath) + "/fluentd-buffer/out" + std::to_string(output.index);
    backend->addFluentdOutput(output, buffer, out);
  };
  if (spec.outputs.size() == 1) {
    fill(spec.outputs[0], match);
  } else {
    match.set("@type", "copy");  // every output receives every record
    for (const OutputSpec& output : spec.outputs) fill(output, match.add("store"));
  }
  return config;
}

}  // namespace raylog
