#include "ray/ray_log_files.h"

namespace raylog {

namespace {
// Ray rotates a file by renaming it to <name>.<n> (RotatingFileHandler; the C++ stream
// redirection and spdlog do the same), and the agents read the rotated file too.
const std::string kRotated = "(?:\\.\\d+)?$";
const std::string kLogs = "/logs/";
}  // namespace

// Every name below is Ray's (ray-project/ray, master as of Ray 2.5x, unchanged since 2.9 unless
// said): see README "Which job a line belongs to" for the table.
const std::vector<RayLogFilePattern>& rayLogFilePatterns() {
  static const std::vector<RayLogFilePattern> patterns = {
      // Components with one file each (doc/source/ray-observability/user-guides/configure-logging.rst):
      // raylet.out|err, gcs_server.out|err, dashboard.log|out|err, dashboard_agent.log and the
      // dashboard's module processes (dashboard_<Module>.log), monitor.log|out|err (autoscaler),
      // log_monitor.log|err, runtime_env_agent.log|out|err, ray_client_server[_<port>].out|err.
      {"component",
       kLogs +
           "(?<ray_component>raylet|gcs_server|dashboard(?:_[A-Za-z]+)?|monitor|log_monitor|runtime_env_agent|"
           "ray_client_server)(?:_\\d+)?(?:\\.\\d+)?\\.(?:log|out|err)" + kRotated},
      // The driver of a submitted job (RayJob): dashboard/modules/job/common.py
      // JOB_LOGS_PATH_TEMPLATE "job-driver-{submission_id}.log"; KubeRay's RayJob sets the
      // submission id (status.jobId).
      {"job_driver", kLogs + "(?<ray_component>job-driver)-(?<ray_submission_id>[^/]+)\\.log" + kRotated},
      // A worker's stdout/stderr: src/ray/core_worker/core_worker_process.cc GetWorkerOutputFilepath
      // "worker-<worker id>-<job id>-<pid>.out|err", the job id from RAY_JOB_ID, which the raylet
      // sets to the job's hex id (src/ray/raylet/worker_pool.cc). A worker started before it
      // had a job (prestarted, as actors often get) carries JobID::Nil(), "ffffffff": no job.
      {"worker",
       kLogs +
           "(?<ray_component>worker)-(?<ray_worker_id>[0-9a-f]+)-(?!ffffffff-)(?<ray_job_id>[0-9a-f]{8})-"
           "(?<ray_pid>\\d+)\\.(?:out|err)" + kRotated},
      // The same without a job: "ffffffff", no RAY_JOB_ID ("worker-<id>-<pid>"), or an object
      // spilling/restoring worker ("io_worker-<id>-<pid>", which never has one).
      {"worker_no_job",
       kLogs + "(?<ray_component>worker|io_worker)-(?<ray_worker_id>[0-9a-f]+)-(?:ffffffff-)?(?<ray_pid>\\d+)\\.(?:out|err)" +
           kRotated},
      // The C++ core of a worker: core_worker_process.cc, app name "<language>-core-<worker
      // type>-<worker id>" and "_<pid>.log" (python-core-worker-<id>_<pid>.log).
      {"core_worker",
       kLogs +
           "(?<ray_component>(?:python|java|cpp)-core-(?:worker|spill_worker|restore_worker))-"
           "(?<ray_worker_id>[0-9a-f]+)_(?<ray_pid>\\d+)\\.log" + kRotated},
      // The C++ core of a driver: its worker id is derived from its job (src/ray/common/id.cc
      // ComputeDriverIdFromJob: the job id's 4 bytes, then 0xff), so the name holds the job id.
      {"core_driver",
       kLogs +
           "(?<ray_component>(?:python|java|cpp)-core-driver)-(?<ray_worker_id>(?<ray_job_id>[0-9a-f]{8})[0-9a-f]{48})_"
           "(?<ray_pid>\\d+)\\.log" + kRotated},
      // Runtime environment installs, one file per job: _private/runtime_env/agent/runtime_env_agent.py
      // get_or_create_logger "runtime_env_setup-{job_id}.log".
      {"runtime_env_setup",
       kLogs + "(?<ray_component>runtime_env_setup)-(?<ray_job_id>[0-9a-f]{8})\\.log" + kRotated},
      // Sub-folders named after what writes them: serve/ (Serve's controller, proxies and
      // replicas: the line says which, serve_component), ray-data/, events/, export_events/.
      {"folder", kLogs + "(?<ray_component>serve|ray-data|events|export_events)/[^/]+$"},
  };
  return patterns;
}

const char* const kRayJobIdValue = "(?!ffffffff$)[0-9a-f]{8}";
const char* const kRayJobIdValueRegex = "^(?!ffffffff$)[0-9a-f]{8}$";

}  // namespace raylog
