"""One harness run: the pods of a rendered manifest stream on one node, their agents under the
real engine, Ray stand-ins writing sessions, backends standing in on 127.0.0.1, and a verdict."""
import json
import os
import re
import signal
import tempfile
import threading
import time
from types import SimpleNamespace

from . import certs, checks, endpoints, manifests
from .engines import find_engine, image_model, is_ray_image, output_plugins, sandbox_available
from .kubelet import Container, Node, PodRun, is_native_sidecar
from .ray_session import Ledger, SessionWriter, run_writers

# After Ray's last line the pod lives on this long before it is deleted: past the agents' rescan
# interval, since tail only finds a new file at a rescan (a file created in a pod's last
# Refresh_Interval seconds is not read: see README). At least a multiline flush and a flush.
MIN_SETTLE_SECONDS = 2.5
# --kill-agent: how long Ray is quiet, with the backends refusing, before the kill: past the
# multiline parser's flush timeout (1 s), a flush (1 s) and its refusal, and Fluentd's
# multiline_flush_interval (1 s); at least the longest flush interval and 2 s more (Fluentd's
# 5 s), so every agent has tried to send and been refused.
MIN_KILL_QUIET_SECONDS = 3.5
# --kill-agent: the session time (ray_session steps, about 4.6 s in all) at which Ray pauses for
# the kill: after the rotation, before the late file.
KILL_AT_SESSION_SECONDS = 2.5
# Output plugins newer than some supported engines: (plugin, first release).
NEWER_PLUGINS = {"gcs": "5.1.0"}
# Outputs the harness cannot point at a stand-in, and why.
NO_STANDIN = {"gcs": "out_gcs sends only to storage.googleapis.com:443 and gets its token from "
                     "oauth2.googleapis.com with a signed key (plugins/out_gcs/gcs.h: no endpoint option): "
                     "no stand-in can take its place"}
AWS_ENV = {"AWS_ACCESS_KEY_ID": "AKIAHARNESS", "AWS_SECRET_ACCESS_KEY": "harness-secret"}


class Skip(Exception):
    pass


def _secret_values(docs):
    """{env var: the value the harness's kubelet gives it} for every secretKeyRef variable of
    every container, so a stand-in can require exactly that credential."""
    from .kubelet import fake_secret_value
    out = {}
    for d in docs:
        stack = [d]
        while stack:
            x = stack.pop()
            if isinstance(x, dict):
                ref = (x.get("valueFrom") or {}).get("secretKeyRef") if isinstance(x.get("valueFrom"), dict) else None
                if ref and "name" in x:
                    out[x["name"]] = fake_secret_value(ref["name"], ref["key"])
                stack.extend(x.values())
            elif isinstance(x, list):
                stack.extend(x)
    return out


def _credentials(kind, settings, secrets):
    """The stand-in's constructor arguments pinning the credential the rendered config names."""
    def value(text):
        m = re.fullmatch(r"\$\{([A-Z0-9_]+)\}", (text or "").strip())
        return secrets.get(m.group(1)) if m else None
    if kind == "splunk" and value(settings.get("splunk_token")):
        return {"token": value(settings["splunk_token"])}
    if kind == "datadog" and value(settings.get("apikey")):
        return {"api_key": value(settings["apikey"])}
    if kind == "kafka" and value(settings.get("rdkafka.sasl.password")):
        return {"user": settings.get("rdkafka.sasl.username"), "password": value(settings["rdkafka.sasl.password"])}
    if kind == "http":
        headers = settings.get("header", [])
        require = {}
        for h in headers if isinstance(headers, list) else [headers]:
            name, _, v = str(h).partition(" ")
            if value(v):
                require[name] = value(v)
        return {"require": require} if require else {}
    return {}


def _agent_configs(config_maps):
    """(key, ns, cm, file, kind) for every agent config in the stream's ConfigMaps."""
    for (ns, name), data in config_maps.items():
        for f, text in data.items():
            if not isinstance(text, str):
                continue
            if "[OUTPUT]" in text or endpoints.is_fluent_bit_yaml(text):
                yield ns, name, f, "fluent-bit"
            elif "<match" in text and "@type" in text:
                yield ns, name, f, "fluentd"


class Harness:
    def __init__(self, manifest, engine_kind, engine_version, workdir=None, restart_agent=False,
                 second_cluster=None, log=print, kill_agent=False):
        self.manifest, self.log = manifest, log
        self.restart_agent = restart_agent
        self.kill_agent = kill_agent
        self.docs = manifests.load_stream(manifest)
        if not sandbox_available():
            raise Skip("bubblewrap (bwrap) is not installed")
        self.fluent_bit = self.fluentd = None
        if engine_kind == "fluent-bit":
            self.fluent_bit = find_engine("fluent-bit", engine_version)
            if not self.fluent_bit:
                raise Skip(f"no Fluent Bit {engine_version} found (RAYLOG_FLUENT_BIT or fluent-bit-<version> on PATH)")
        else:
            self.fluentd = find_engine("fluentd", engine_version)
            if not self.fluentd:
                raise Skip(f"no Fluentd {engine_version} found (RAYLOG_FLUENTD or fluentd on PATH)")
        self.engine = self.fluent_bit or self.fluentd
        self.workdir = workdir or tempfile.mkdtemp(prefix="raylog-pods-")
        self.node = Node(self.workdir)
        self.config_maps = manifests.config_maps(self.docs)
        daemonsets = [d for d in self.docs if d.get("kind") == "DaemonSet"]
        self.ds_pods = manifests.daemonset_pods(self.docs, self.node.name)
        self.ray_pods = manifests.ray_pods(self.docs)
        if daemonsets and second_cluster is None:
            second_cluster = True
        if second_cluster and self.ray_pods:
            # Two Ray clusters on the node: the same objects applied under a second name.
            first = self.ray_pods[0].ray["cluster"]
            self.ray_pods += [p for p in manifests.ray_pods(self.docs, cluster_name_override=first + "-b")
                              if p.ray["node_type"] == "head"]
        images = {c.get("image", "") for p in self.ds_pods + self.ray_pods
                  for c in (p.spec.get("containers") or []) + (p.spec.get("initContainers") or [])}
        if not any(image_model(i, self.fluent_bit, self.fluentd) for i in images):
            others = sorted(i for i in images if not is_ray_image(i))
            raise Skip(f"no container here runs {engine_kind}: agents {others or 'none'} "
                       "(the History Server collector is KubeRay's Go program, not built here; "
                       "strategy stderr has no agent)")
        if self.fluent_bit:
            # An output plugin the engine was built without: skipped, naming it (not passed).
            built = output_plugins(self.fluent_bit)
            used = {o.settings.get("name", "") for ns, name, f, kind in _agent_configs(self.config_maps)
                    if kind == "fluent-bit" for o in endpoints.fluent_bit_outputs(self.config_maps[(ns, name)][f])}
            missing = sorted(used - built) if built is not None else []
            if missing:
                raise Skip(f"Fluent Bit {self.fluent_bit.version} here was built without the "
                           f"{', '.join(missing)} output plugin(s)")
        self.standins = []   # (kind, cm key, output, standin)
        self.stops = []      # (pod name, time) of each agent restart
        self.notes = []

    # --- backends -----------------------------------------------------------------------------
    def start_backends(self):
        from standins import standin_for
        tls, ca = certs.make(os.path.join(self.workdir, "tls"))
        self.secrets = _secret_values(self.docs)
        self.ca_bundle = ca
        plugins = output_plugins(self.fluent_bit) if self.fluent_bit else None
        for ns, name, f, kind in _agent_configs(self.config_maps):
            text = self.config_maps[(ns, name)][f]
            outs = endpoints.fluent_bit_outputs(text) if kind == "fluent-bit" else endpoints.fluentd_outputs(text)
            ports = {}
            for o in outs:
                plugin = o.settings.get("name", "")
                if kind == "fluent-bit" and plugins and plugin not in plugins:
                    # gcs first appears in 5.1.0 (plugins/out_gcs); a build may leave others out.
                    why = (f"first in Fluent Bit {NEWER_PLUGINS[plugin]}" if plugin in NEWER_PLUGINS
                           else "not built into this binary")
                    raise Skip(f"Fluent Bit {self.fluent_bit.version} here has no {plugin} output ({why})")
                if o.kind == "stdout":
                    self.standins.append((o.kind, (ns, name, f), o, None))
                    continue
                if o.kind in NO_STANDIN:
                    raise Skip(NO_STANDIN[o.kind])
                cls = standin_for(o.kind)
                if o.tls and tls is None:
                    raise Skip("openssl is needed for the TLS stand-ins")
                s = cls(tls=tls if o.tls else None, **_credentials(o.kind, o.settings, self.secrets))
                if o.kind == "kinesis_firehose" and self.fluent_bit.version.startswith("3."):
                    # 3.2's firehose client always dials port 443 (firehose.c: flb_upstream_create
                    # with 443); 5.x takes the generic port.
                    s.bind_port = 443
                try:
                    s.start()
                except OSError as e:
                    raise Skip(f"the {o.kind} stand-in cannot listen on port {s.bind_port}: {e}")
                ports[o.index] = (s.port, s.metadata_url) if o.kind == "stackdriver" else s.port
                self.standins.append((o.kind, (ns, name, f), o, s))
            rewrite = endpoints.rewrite_fluent_bit if kind == "fluent-bit" else endpoints.rewrite_fluentd
            self.config_maps[(ns, name)][f] = rewrite(text, ports)

    # --- pods ---------------------------------------------------------------------------------
    def start_pod(self, pod):
        run = PodRun(pod, self.node, self.config_maps, self.workdir, self.fluent_bit, self.fluentd,
                     self.ca_bundle, cloud_env=AWS_ENV)
        logs = os.path.join(run.dir, "logs")
        run.agents, run.sidecars, run.ray_container = [], [], None
        for c in pod.spec.get("initContainers") or []:
            model, why = run.runnable(c)
            if is_native_sidecar(c):
                if model:
                    run.sidecars.append(run.launch(Container(run, c, logs), model))
                else:
                    self.notes.append(f"{pod.name}/{c['name']}: not run ({why})")
            elif model or why is None:
                ic = run.launch(Container(run, c, logs), model)
                if not ic.wait(60) or ic.exit_code != 0:
                    run.problems.append(f"init container {c['name']} failed: {ic.exit_code} {ic.output()[1][-300:]}")
            else:
                self.notes.append(f"{pod.name}/{c['name']}: init container not run ({why})")
        for c in pod.spec.get("containers") or []:
            if is_ray_image(c.get("image", "")) and pod.kind == "ray":
                run.ray_container = c
                continue
            model, why = run.runnable(c)
            if model:
                run.agents.append(run.launch(Container(run, c, logs), model))
            else:
                self.notes.append(f"{pod.name}/{c['name']}: not run ({why})")
        return run

    def ray_root(self, run):
        """The host folder behind the Ray container's /tmp/ray."""
        c = run.ray_container
        env = run.container_env(c)
        for src, dst, _ in run.mounts(c, env):
            if dst == "/tmp/ray":
                return src
        raise RuntimeError(f"{run.pod.name}: the Ray container mounts nothing at /tmp/ray")

    def terminate_pod(self, run):
        grace = int(run.pod.spec.get("terminationGracePeriodSeconds", 30))
        deadline = time.monotonic() + grace
        # The Ray container has stopped writing; regular containers get SIGTERM together...
        threads = [threading.Thread(target=a.terminate, args=(grace,)) for a in run.agents]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        # ...native sidecars after them, in reverse order, within what is left of the grace period.
        for s in reversed(run.sidecars):
            s.terminate(max(1, deadline - time.monotonic()))

    def _agent_alive_check(self, runs):
        for run in runs:
            for a in run.agents + run.sidecars:
                if not a.running():
                    out, err = a.output()
                    run.problems.append(f"{run.pod.name}/{a.name} exited early (code {a.proc.returncode}): "
                                        + "; ".join(l for l in (out + err).splitlines() if "error" in l.lower())[-600:])

    def restart(self, runs):
        """kubelet restarting every agent (a liveness failure or an OOM-kill's SIGTERM path)."""
        for run in runs:
            for a in run.agents + run.sidecars:
                self.stops.append((run.pod.name, time.monotonic()))
                a.terminate(int(run.pod.spec.get("terminationGracePeriodSeconds", 30)))
                a.restarts += 1
                model, _ = run.runnable(a.spec)
                run.launch(a, model)

    def kill(self, runs):
        """kill -9 of every agent while its backends refuse (a crash or an OOM-kill), then kubelet
        starting it again with the same volumes. Nothing was acknowledged between the refusal and
        the kill, so every line the agent had read must come out of what it left on disk: once."""
        held = [s for _, _, _, s in self.standins if s is not None]
        if not held:
            raise Skip("--kill-agent needs a backend other than stdout (stdout acknowledges nothing)")
        for s in held:
            s.refuse(True)
        # Quiet: tail has read every line, the multiline parser has let go of its last record
        # (flush timeout 1 s; a record it still holds is lost at any stop: README, known limits),
        # and each agent has tried a flush and been refused. Then the kill.
        time.sleep(self.kill_quiet_seconds())
        refused = sum(s.refused for s in held)
        for run in runs:
            for a in run.agents + run.sidecars:
                self.stops.append((run.pod.name, time.monotonic()))
                a.signal(signal.SIGKILL)
                if not a.wait(10):
                    run.problems.append(f"{run.pod.name}/{a.name}: still running 10 s after SIGKILL")
                a.restarts += 1
                model, _ = run.runnable(a.spec)
                run.launch(a, model)
        self.notes.append(f"agents SIGKILLed after {refused} refused write(s) and restarted")
        if not refused:
            self.notes.append("no write was refused before the kill: nothing was held (the check still runs)")
        time.sleep(1.5)  # the new agents up, their backlog loaded
        for s in held:
            s.refuse(False)

    def kill_quiet_seconds(self):
        longest = 0.0
        for (ns, name, f, kind) in _agent_configs(self.config_maps):
            # Fluent Bit classic "Flush 1" or YAML "flush: '1'"; Fluentd "flush_interval 5s"
            for m in re.finditer(r"(?im)^\s*(?:flush|flush_interval):?\s+['\"]?(\d+)", self.config_maps[(ns, name)][f]):
                longest = max(longest, float(m.group(1)))
        return max(MIN_KILL_QUIET_SECONDS, longest + 2.0)

    def settle_seconds(self):
        longest = 0.0
        for (ns, name, f, kind) in _agent_configs(self.config_maps):
            # classic "Refresh_Interval 5" or YAML "refresh_interval: '5'"
            m = re.search(r"(?im)^\s*refresh_interval:?\s+['\"]?(\d+)", self.config_maps[(ns, name)][f])
            if m:
                longest = max(longest, float(m.group(1)))
        return max(MIN_SETTLE_SECONDS, longest + 1.5)

    def run(self):
        self.start_backends()
        ds_runs = [self.start_pod(p) for p in self.ds_pods]
        ray_runs = [self.start_pod(p) for p in self.ray_pods]
        time.sleep(1.5)  # agents up before Ray creates its session (they wait for it)
        self.ledger = Ledger()
        writers = []
        for i, run in enumerate(ray_runs):
            if run.ray_container is None:
                continue
            root = self.ray_root(run)
            env = {e.get("name"): e.get("value") for e in run.ray_container.get("env") or [] if isinstance(e, dict)}
            writers.append(SessionWriter(root, run.pod, i, self.ledger, run.pod.ray["node_type"] == "head", env=env))
        if self.restart_agent:
            t = threading.Timer(2.5, self.restart, args=(ds_runs + ray_runs,))
            t.start()
        if self.kill_agent:
            run_writers(writers, pause_at=KILL_AT_SESSION_SECONDS, on_pause=lambda: self.kill(ds_runs + ray_runs))
        else:
            run_writers(writers)
        if self.restart_agent:
            t.join()
        self._agent_alive_check(ds_runs + ray_runs)
        time.sleep(self.settle_seconds())
        threads = [threading.Thread(target=self.terminate_pod, args=(r,)) for r in ray_runs]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        time.sleep(1.0)
        for r in ds_runs:
            self.terminate_pod(r)
        time.sleep(0.5)
        self.runs = ds_runs + ray_runs
        return self.verdict()

    # --- the verdict ----------------------------------------------------------------------------
    def _ledger_served_by(self, ns, name):
        """The lines a backend of ConfigMap ns/name must receive: those of the Ray pods that mount it
        (sidecars: one ConfigMap per namespace, e.g. operator-wide logging over several); every
        line when no Ray pod mounts it (a DaemonSet's, which serves every pod of the node)."""
        served = {p.name for p in self.ray_pods if p.namespace == ns and any(
            (v.get("configMap") or {}).get("name") == name for v in p.spec.get("volumes") or [])}
        if not served:
            return self.ledger
        return SimpleNamespace(records=[r for r in self.ledger.records if r.pod in served])

    def verdict(self):
        from standins.stdout import parse_fluent_bit_stdout, parse_fluentd_stdout
        pods_by_name = {p.name: p for p in self.ray_pods}
        problems = [p for r in self.runs for p in r.problems]
        for r in self.runs:
            for a in r.agents + r.sidecars:
                if a.killed:
                    problems.append(f"{r.pod.name}/{a.name}: still running after the grace period, SIGKILLed")
                elif a.exit_code not in (0, None):
                    problems.append(f"{r.pod.name}/{a.name}: exit code {a.exit_code}")
        verdicts = []
        for kind, key, out, s in self.standins:
            ledger = self._ledger_served_by(key[0], key[1])
            config = self.config_maps[(key[0], key[1])][key[2]]
            text_mode = "ray_cpp" in json.dumps(self.config_maps[(key[0], key[1])])
            # classic "Path_Key file", YAML "path_key: file" (or "- path_key: file"), Fluentd "path_key file"
            m = re.search(r"(?im)^\s*(?:-\s+)?path_key:?\s+['\"]?([^\s'\"]+)", config)
            file_key = m.group(1) if m else "file"
            if kind == "stdout":
                deliveries = []
                for r in self.runs:
                    for a in r.agents + r.sidecars:
                        stdout = a.output()[0]
                        deliveries += (parse_fluent_bit_stdout(stdout, out.settings.get("format", "json_lines"))
                                       if self.fluent_bit else parse_fluentd_stdout(stdout))
                v = checks.check_backend(f"stdout[{out.index}]", deliveries, ledger, pods_by_name, text_mode,
                                         file_key=file_key)
            else:
                v = checks.check_backend(f"{kind}[{out.index}]", s.deliveries(), ledger, pods_by_name, text_mode,
                                         checks.identity_rule(kind, out.settings), s.problems(), file_key=file_key,
                                         moved=checks.moved_fields(kind, out.settings))
                s.stop()
            # Restarting an agent proves the offsets DB: no line twice. Lines it held unsent when
            # stopped (a multiline record waiting for Flush_Timeout) are reported, not failed.
            # A kill case tolerates nothing: the buffer on disk is what it proves.
            v.losses_tolerated = self.restart_agent and not self.kill_agent
            verdicts.append(v)
        return problems, verdicts
