#pragma once
// Which process, job and worker a Ray log file belongs to, from its name (README "Which job a
// line belongs to"). Each pattern is an Onigmo regex (Fluent Bit's and Fluentd's Ruby) over the
// file's path whose named groups become record fields; the patterns are mutually exclusive, so
// an agent may try them in any order, and a file none matches gets no field.
#include <string>
#include <vector>

namespace raylog {

// The record fields the patterns fill.
inline constexpr const char* kRayComponentField = "ray_component";      // the process kind, as the file names it
inline constexpr const char* kRaySubmissionIdField = "ray_submission_id";  // job-driver-<submission id>.log
inline constexpr const char* kRayJobIdField = "ray_job_id";              // Ray's hex job id (01000000)
inline constexpr const char* kRayWorkerIdField = "ray_worker_id";        // Ray's hex worker id (56 digits)
inline constexpr const char* kRayPidField = "ray_pid";                   // the process id in the file name

struct RayLogFilePattern {
  std::string name;   // the agent's parser name (ray_file_<name>)
  std::string regex;  // over the whole path; anchored at "/logs/" and the end
};

const std::vector<RayLogFilePattern>& rayLogFilePatterns();

// A JSON record's own job id (Ray's structured logging), preferred to the file's: a hex job id
// that is not JobID::Nil() ("ffffffff"); unanchored, and anchored.
extern const char* const kRayJobIdValue;
extern const char* const kRayJobIdValueRegex;

}  // namespace raylog
