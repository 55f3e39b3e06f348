"""A Ray stand-in: writes a realistic session into the Ray container's view of /tmp/ray, and a
ledger of every line it wrote (each line carries a unique token, so the checks can find it in
whatever a backend received).

Formats, as Ray writes them (ray-project/ray):
- Python components: ray_constants.LOGGER_FORMAT "%(asctime)s\t%(levelname)s %(filename)s:%(lineno)s -- %(message)s"
- C++ components: src/ray/util/logging.cc spdlog pattern "[%Y-%m-%d %H:%M:%S,%e %L %P %t] ..." with
  spdlog's short level letters T D I W E C (C is FATAL); under RAY_LOG_TO_STDERR the component
  name follows in parentheses
- Serve: serve/_private/constants.py SERVE_LOG_* : level first, then time, component, id, -- message
- structured logging (RAY_LOGGING_CONFIG_ENCODING=JSON): one JSON object a line, as
  python/ray/_private/ray_logging/formatters.py JSONFormatter writes it (asctime, levelname,
  message, filename, lineno, exc_text, then the context: job_id, worker_id, node_id, task_id, ...);
  only the root loggers of drivers, tasks and actors use it, so those records land in
  worker-*.err and job-driver-*.log beside prints and tracebacks, and Ray's components stay text
- RAY_BACKEND_LOG_JSON=1: src/ray/util/logging.cc kLogFormatJsonPattern
  {"asctime":"...","levelname":"I","filename":"x.cc","lineno":1,"message":"..."} for the C++ files
- worker-*.out|err: the user's prints and tracebacks, without timestamps

File names, and the ids in them (README "Which job a line belongs to"): a session here runs two
jobs, one submitted (a RayJob's: job-driver-<submission id>.log, the id KubeRay's
GenerateRayJobId makes, "<RayJob name>-<5 chars>") and one plain driver (ray.init in a script: no
job-driver file), each with its driver's core log (python-core-driver-<job id><ff * 24>_<pid>.log,
id.cc ComputeDriverIdFromJob) and a task worker (worker-<worker id>-<job id>-<pid>.out|err and
python-core-worker-<worker id>_<pid>.log), plus an actor on a worker started before it had a job
(worker-<worker id>-ffffffff-<pid>.out|err) whose structured lines name their job. Worker ids are
28 bytes (56 hex digits), job ids 4 bytes (8: JobID::FromInt(1) is "01000000").
"""
import hashlib
import datetime
import json
import os
import threading
import time
from dataclasses import dataclass, field

TOKEN_PREFIX = "rlt"


@dataclass
class Record:
    tokens: list          # one token per physical line, in order
    pod: str              # pod name
    path: str             # relative to logs/ at write time (e.g. "serve/proxy_10.0.0.1.log")
    kind: str             # python | cpp | serve | plain | json | event
    expect: dict = field(default_factory=dict)  # fields a parsed record must carry (text mode)
    together: bool = False  # lines must arrive in one record (tracebacks)
    base: str = ""        # file name before rotation
    written_at: float = 0.0  # time.monotonic() of the write
    ids: dict = field(default_factory=dict)  # ray_* fields the file name gives (absent: none)
    line_job_id: str = ""  # the job id a structured line names itself


class Ledger:
    def __init__(self):
        self.records = []
        self._n = 0
        self._lock = threading.Lock()

    def token(self, pod_index):
        with self._lock:
            self._n += 1
            return f"{TOKEN_PREFIX}{pod_index:02d}{self._n:06d}"


# The fields a file's name gives, and what each file of a session gives (checks.py compares).
ID_FIELDS = ("ray_component", "ray_submission_id", "ray_job_id", "ray_worker_id", "ray_pid")
COMPONENT_FILES = {"raylet.out": "raylet", "raylet.err": "raylet", "gcs_server.out": "gcs_server",
                   "dashboard.log": "dashboard", "monitor.log": "monitor", "log_monitor.log": "log_monitor",
                   "dashboard_agent.log": "dashboard_agent"}
FOLDER_COMPONENTS = {"serve": "serve", "ray-data": "ray-data", "events": "events", "export_events": "export_events"}


def _hex(seed, n):
    return hashlib.sha256(seed.encode()).hexdigest()[:n]


def _ts(offset=0.0):
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=offset)
    return t.strftime("%Y-%m-%d %H:%M:%S,") + f"{t.microsecond // 1000:03d}"


class SessionWriter:
    """Writes one pod's session. `root` is the host folder behind the Ray container's /tmp/ray."""

    def __init__(self, root, pod, pod_index, ledger, head, serve=True, env=None):
        self.root, self.pod, self.idx, self.ledger, self.head = root, pod, pod_index, ledger, head
        self.serve = serve
        env = env or {}
        # What the Ray container's environment turns on (spec.ray.logging writes it).
        self.json_python = env.get("RAY_LOGGING_CONFIG_ENCODING") == "JSON"
        self.json_cpp = env.get("RAY_BACKEND_LOG_JSON") == "1"
        stamp = datetime.datetime.now().strftime("%Y-%m-%d_%H-%M-%S_%f")
        self.session = f"session_{stamp}_{1000 + pod_index}"
        self.logs = os.path.join(root, self.session, "logs")
        self.worker_id = _hex(f"worker-{pod_index}", 56)
        self.job_id = "01000000"
        # The second job, a plain driver (no submission), and an actor's worker without a job.
        self.job2_id = "02000000"
        self.worker2_id = _hex(f"worker2-{pod_index}", 56)
        self.actor_worker_id = _hex(f"actor-{pod_index}", 56)
        # KubeRay's submission id for a RayJob: "<name>-<rand.String(5)>" (utils.GenerateRayJobId).
        self.submission_id = f"{pod.owner.split('/')[-1]}-x7k2q"
        self.files = {}  # file name -> the ray_* fields its name gives
        self.written = 0

    def ids_of(self, rel):
        """What the file's name says: from what this writer put in the names, not from a regex."""
        base = os.path.basename(rel)
        if base.endswith(".1"):
            base = base[:-2]
        folder = rel.split("/", 1)[0] if "/" in rel else ""
        if folder in FOLDER_COMPONENTS:
            return {"ray_component": FOLDER_COMPONENTS[folder]}
        if base in COMPONENT_FILES:
            return {"ray_component": COMPONENT_FILES[base]}
        return dict(self.files.get(base, {}))

    def _worker_file(self, worker_id, job_id, pid):
        """worker-<worker id>-<job id>-<pid>: the name and the fields it gives (no job for ffffffff)."""
        name = f"worker-{worker_id}-{job_id}-{pid}"
        ids = {"ray_component": "worker", "ray_worker_id": worker_id, "ray_pid": str(pid)}
        if job_id != "ffffffff":
            ids["ray_job_id"] = job_id
        for suffix in (".out", ".err"):
            self.files[name + suffix] = ids
        return name

    def _core_file(self, kind, worker_id, pid, job_id=None):
        name = f"python-core-{kind}-{worker_id}_{pid}.log"
        self.files[name] = {"ray_component": f"python-core-{kind}", "ray_worker_id": worker_id, "ray_pid": str(pid)}
        if job_id:
            self.files[name]["ray_job_id"] = job_id
        return name

    # --- writing ------------------------------------------------------------------------------
    def _append(self, rel, data):
        path = os.path.join(self.logs, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "ab") as f:
            f.write(data)
        self.written += 1

    def _record(self, rel, kind, lines_of, expect=None, together=False, raw_suffix=b"", line_job_id=""):
        """lines_of(tokens) -> list of str lines; writes them and books the record."""
        tokens = [self.ledger.token(self.idx) for _ in range(8)]
        lines = lines_of(tokens)
        text = "".join(line + "\n" for line in lines)
        tokens = [t for t in tokens if t in text]  # a line may carry none (a traceback's first)
        data = text.encode("utf-8")
        if raw_suffix:  # bytes that are not UTF-8, before the final newline
            data = data[:-1] + raw_suffix + b"\n"
        self._append(rel, data)
        self.ledger.records.append(Record(tokens, self.pod.name, rel, kind, expect or {}, together,
                                          base=os.path.basename(rel), written_at=time.monotonic(),
                                          ids=self.ids_of(rel), line_job_id=line_job_id))

    def python(self, rel, level, msg, source="worker.py:42"):
        self._record(rel, "python", lambda t: [f"{_ts()}\t{level} {source} -- {msg} {t[0]}"],
                     {"level": level, "source": source})

    def cpp(self, rel, letter, msg, component=None):
        if self.json_cpp and not component:  # a file sink has no component (logging.cc StartRayLog)
            self._record(rel, "json", lambda t: ['{"asctime":"%s","levelname":"%s","filename":"node_manager.cc",'
                                                 '"lineno":88,"message":%s}' % (_ts(), letter, json.dumps(f"{msg} {t[0]}"))],
                         {"levelname": letter, "filename": "node_manager.cc", "lineno": "88"})
            return
        comp = f"({component}) " if component else ""
        self._record(rel, "cpp", lambda t: [f"[{_ts()} {letter} 123 456] {comp}node_manager.cc:88: {msg} {t[0]}"],
                     {"level": letter, "pid": "123", "tid": "456"})

    def serve_line(self, rel, level, component, cid, msg, context=""):
        ctx = f" {context}" if context else ""
        self._record(rel, "serve", lambda t: [f"{level} {_ts()} {component} {cid}{ctx} - {msg} {t[0]}"],
                     {"level": level})

    def plain(self, rel, msg, raw_suffix=b""):
        self._record(rel, "plain", lambda t: [f"{msg} {t[0]}"], raw_suffix=raw_suffix)

    def json_line(self, rel, msg, level="INFO", job_id=None, worker_id=None):
        job_id = job_id or self.job_id
        self._record(rel, "json", lambda t: [json.dumps({
            "asctime": _ts(), "levelname": level, "message": f"{msg} {t[0]}", "filename": "train.py",
            "lineno": 7, "job_id": job_id, "worker_id": worker_id or self.worker_id, "node_id": "ab" * 28})],
            line_job_id=job_id)

    def ray_json(self, rel, msg, level="INFO", exc=False):
        """A record of a task's or driver's logger under RAY_LOGGING_CONFIG_ENCODING=JSON."""
        task = "c8ef45ccd0112571ffffffffffffffffffffffff01000000"
        def lines(t):
            r = {"asctime": _ts(), "levelname": level, "message": f"{msg} {t[0]}", "filename": "train.py",
                 "lineno": 21}
            if exc:  # logger.exception: the traceback is inside the record, one line
                r["exc_text"] = (f"Traceback (most recent call last):\n  File \"/app/train.py\", line 20, in step\n"
                                 f"ValueError: bad batch {t[1]}")
            r.update({"job_id": self.job_id, "worker_id": self.worker_id, "node_id": "ab" * 28,
                      "task_id": task, "task_name": "step", "task_func_name": "train.step",
                      "timestamp_ns": time.time_ns()})
            return [json.dumps(r)]
        self._record(rel, "json", lines, {"levelname": level, "filename": "train.py", "lineno": "21",
                                          "job_id": self.job_id, "worker_id": self.worker_id, "task_id": task})

    def event(self, rel, msg):
        self._record(rel, "event", lambda t: [json.dumps({
            "event_id": "e1" * 18, "source_type": "RAYLET", "host_name": self.pod.name, "pid": 123,
            "label": "RAY_NODE_STARTED", "message": f"{msg} {t[0]}", "timestamp": int(time.time()),
            "severity": "INFO", "custom_fields": {}})])

    def python_traceback(self, rel):
        def lines(t):
            return [f"{_ts()}\tERROR core.py:88 -- Task failed {t[0]}",
                    f"Traceback (most recent call last): {t[1]}",
                    f"  File \"/app/train.py\", line 12, in step {t[2]}",
                    f"    raise ValueError(\"bad batch\") {t[3]}",
                    f"ValueError: bad batch {t[4]}"]
        self._record(rel, "python", lines, {"level": "ERROR"}, together=True)

    def bare_traceback(self, rel):
        """A worker's stderr: Python prints the traceback without any timestamp."""
        def lines(t):
            return ["Traceback (most recent call last):",
                    f"  File \"/app/job.py\", line 3, in <module> {t[1]}",
                    f"    main() {t[2]}",
                    f"  File \"/app/job.py\", line 9, in main {t[3]}",
                    f"    1 / 0 {t[4]}",
                    f"ZeroDivisionError: division by zero {t[5]}"]
        # The first line has no room for a token in real life; the harness matches it by the
        # rest of the record.
        self._record(rel, "plain", lines, together=True)

    def fatal_with_stack(self, rel):
        def lines(t):
            return [f"[{_ts()} C 123 456] raylet.cc:311: Check failed: ok {t[0]}",
                    f"*** StackTrace Information *** {t[1]}",
                    f"/home/ray/anaconda3/lib/python3.11/site-packages/ray/core/src/ray/raylet/raylet(+0x1234) [0x55] {t[2]}"]
        self._record(rel, "cpp", lines, {"level": "C"}, together=True)

    def long_line(self, rel, size=64 * 1024):
        self._record(rel, "plain", lambda t: [f"{t[0]} " + "x" * size + f" {t[1]}"])

    def rotate(self, rel):
        """Ray's handlers rotate by renaming the file to <name>.1 and starting a new one."""
        path = os.path.join(self.logs, rel)
        os.replace(path, path + ".1")

    # --- the session --------------------------------------------------------------------------
    def steps(self):
        """[(seconds after Ray starts, action)]: a session of about five seconds."""
        w = self._worker_file(self.worker_id, self.job_id, 4242)
        late = self._worker_file(self.worker_id[::-1], self.job_id, 4343) + ".out"
        w2 = self._worker_file(self.worker2_id, self.job2_id, 5252)          # the plain driver's task
        actor = self._worker_file(self.actor_worker_id, "ffffffff", 6262)   # an actor, no job in the name
        core = self._core_file("worker", self.worker_id, 4242)
        driver1 = self._core_file("driver", self.job_id + "ff" * 24, 3131, self.job_id)
        driver2 = self._core_file("driver", self.job2_id + "ff" * 24, 3232, self.job2_id)
        job_driver = f"job-driver-{self.submission_id}.log"
        self.files[job_driver] = {"ray_component": "job-driver", "ray_submission_id": self.submission_id}
        self.files[f"runtime_env_setup-{self.job_id}.log"] = {"ray_component": "runtime_env_setup",
                                                              "ray_job_id": self.job_id}
        s = []

        def at(t, fn):
            s.append((t, fn))

        def start():
            os.makedirs(self.logs, exist_ok=True)
            os.chmod(os.path.join(self.root, self.session), 0o777)
            link = os.path.join(self.root, "session_latest")
            if os.path.lexists(link):
                os.remove(link)
            # Ray points session_latest at the session's absolute path in its own container.
            os.symlink(f"/tmp/ray/{self.session}", link)
        at(0.0, start)

        def first():
            for letter in "TDIWE":
                self.cpp("raylet.out", letter, f"raylet {letter}")
            self.cpp("raylet.err", "I", "stderr mode", component="raylet")
            self.cpp(core, "I", "core worker up")
            self.plain(f"{w2}.out", f":job_id:{self.job2_id}")
            self.plain(f"{w2}.out", "second job's task")
            self.plain(f"{actor}.out", ":actor_name:Counter")
            self.plain(f"{actor}.out", "actor prints")
            # The actor's structured line names its job (the second), where the file cannot.
            self.json_line(f"{actor}.err", "actor structured", job_id=self.job2_id, worker_id=self.actor_worker_id)
            self.python(f"runtime_env_setup-{self.job_id}.log", "INFO", "Installing pip packages", "utils.py:76")
            self.plain("debug_state.txt", "NodeManager: a file no pattern names")
            self.plain(f"{w}.out", f":job_id:{self.job_id}")
            self.plain(f"{w}.out", "epoch 1 loss=0.5")
            self.plain(f"{w}.err", ":actor_name:Trainer")
            self.json_line(f"{w}.err", "structured hello")
            self.python("ray-data/ray-data.log", "INFO", "Execution plan", "streaming_executor.py:108")
            self.event("events/event_RAYLET.log", "node started")
            if self.head:
                self.cpp("gcs_server.out", "I", "GCS up")
                self.python("dashboard.log", "INFO", "Dashboard head started", "head.py:200")
                self.python("monitor.log", "INFO", "Monitor: autoscaler", "monitor.py:555")
                self.plain(job_driver, "driver says hi")
                self.cpp(driver1, "I", "submitted job's driver connected")
                self.cpp(driver2, "I", "plain driver connected")
                self.python("log_monitor.log", "INFO", "Starting log monitor", "log_monitor.py:600")
                self.event("export_events/event_EXPORT_TASK.log", "task exported")
            if self.serve:
                if self.head:
                    self.serve_line("serve/controller_1234.log", "INFO", "controller", "1234",
                                    "Deploying app 'default'.", "controller.py:700")
                self.serve_line("serve/proxy_10.0.0.1.log", "INFO", "proxy", "10.0.0.1",
                                "Proxy starting on node", "proxy.py:1200")
                self.serve_line("serve/replica_default_Model_ab12cd.log", "INFO", "default_Model", "ab12cd",
                                "GET / 200 3.1ms", "7e8c4a30-0c4f-4bd1-a4a4-7d3c2a2e0d11 / default replica.py:373")
        at(0.2, first)

        for i, t in enumerate((0.8, 1.4, 2.0, 2.6, 3.2)):
            def steady(i=i):
                self.cpp("raylet.out", "I", f"heartbeat {i}")
                self.plain(f"{w}.out", f"step {i}")
                self.plain(f"{actor}.out", f"actor step {i}")
                if self.head:
                    self.plain(job_driver, f"driver step {i}")
                self.python("ray-data/ray-data.log", "INFO", f"progress {i}", "streaming_executor.py:200")
                if self.head:
                    self.python("dashboard.log", "INFO", f"request {i}", "http_server_head.py:1")
                if self.serve:
                    self.serve_line("serve/proxy_10.0.0.1.log", "INFO", "proxy", "10.0.0.1", f"GET /{i} 200 1.0ms",
                                    f"req-{i} /{i} default proxy.py:1")
            at(t, steady)

        at(1.6, lambda: self.python_traceback("dashboard.log" if self.head else "ray-data/ray-data.log"))
        at(2.2, lambda: self.rotate("dashboard.log" if self.head else "raylet.out"))
        at(2.3, lambda: self.cpp("raylet.out", "I", "after rotation"))
        at(2.8, lambda: self.plain(late, "late worker starts"))
        at(3.0, lambda: self.long_line(f"{w}.out"))
        at(3.1, lambda: self.plain(f"{w}.out", "bytes that are not UTF-8:", raw_suffix=b" \xff\xfe\xc3("))
        at(3.4, lambda: self.bare_traceback(f"{w}.err"))
        at(3.6, lambda: self.plain(f"{w}.err", "after the traceback"))
        at(3.8, lambda: self.fatal_with_stack("raylet.out"))
        at(4.4, lambda: self.plain(late, "late worker done"))
        at(4.6, lambda: self.cpp("raylet.out", "W", "last line before shutdown"))
        if self.json_python:
            # The user's loggers write JSON into the same files as their prints and tracebacks.
            driver = job_driver  # the submitted job's driver (its fields are in self.files)
            for i, t in enumerate((0.5, 1.1, 1.7, 2.4, 3.5)):
                at(t, lambda i=i: self.ray_json(f"{w}.err", f"batch {i} done"))
                if self.head:
                    at(t + 0.05, lambda i=i: self.ray_json(driver, f"driver progress {i}"))
                    at(t + 0.1, lambda i=i: self.plain(driver, f"driver print {i}"))
            at(2.5, lambda: self.ray_json(f"{w}.err", "step failed", "ERROR", exc=True))
            at(3.45, lambda: self.ray_json(f"{w}.out", "logged to stdout", "WARNING"))
        return s


def run_writers(writers, start_delay=0.0, pause_at=None, on_pause=None):
    """Runs every writer's steps on one clock; returns when all are done. With pause_at, calls
    on_pause() once before the first step at or after that time and then goes on where it
    stopped, the clock shifted by the pause (Ray stops writing for a while, mid-session)."""
    events = sorted(((t + start_delay, i, fn) for i, w in enumerate(writers) for t, fn in w.steps()),
                    key=lambda e: (e[0], e[1]))
    t0 = time.monotonic()
    for t, _, fn in events:
        if on_pause is not None and t >= pause_at:
            paused = time.monotonic()
            on_pause()
            t0 += time.monotonic() - paused
            on_pause = None
        delay = t - (time.monotonic() - t0)
        if delay > 0:
            time.sleep(delay)
        fn()
