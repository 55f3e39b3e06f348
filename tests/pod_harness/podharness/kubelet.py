"""Runs a pod's containers as kubelet would: volumes as folders, the environment kubelet builds,
the image's ENTRYPOINT/CMD under the container's command/args, the security context, and
termination (SIGTERM, the grace period, SIGKILL). Containers are bubblewrap sandboxes."""
import atexit
import base64
import hashlib
import os
import re
import signal
import subprocess

from .engines import image_model

# Files of the host's /etc a container image has too (name resolution, the loader's cache).
ETC_FILES = ["hosts", "passwd", "group", "nsswitch.conf", "localtime", "ld.so.cache", "host.conf", "resolv.conf"]


def fake_secret_value(secret, key):
    # Base64 of a digest: valid wherever a backend expects a key (Azure decodes shared keys).
    return base64.b64encode(hashlib.sha256(f"{secret}/{key}".encode()).digest()).decode()


_VAR = re.compile(r"\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)")


def expand(text, env):
    """Kubernetes' $(VAR) expansion: defined names are replaced, $$ is a literal $, the rest stays."""
    def sub(m):
        if m.group(0) == "$$":
            return "$"
        return env.get(m.group(1), m.group(0))
    return _VAR.sub(sub, text)


_RUNNING = []


@atexit.register
def _kill_leftovers():
    for c in _RUNNING:
        if c.running():
            c.signal(signal.SIGKILL)
            c.proc.kill()


def is_native_sidecar(c):
    return c.get("restartPolicy") == "Always"


class Node:
    """One node: its hostPath folders are shared by every pod on it."""

    def __init__(self, root, name="node-1"):
        self.root, self.name = root, name

    def host_path(self, path):
        return os.path.join(self.root, "node-fs", path.lstrip("/"))


class Container:
    def __init__(self, pod_run, spec, log_dir):
        self.pod_run, self.spec, self.name = pod_run, spec, spec["name"]
        self.stdout_path = os.path.join(log_dir, f"{self.name}.stdout")
        self.stderr_path = os.path.join(log_dir, f"{self.name}.stderr")
        self.proc = None
        self.exit_code = None
        self.killed = False
        self.restarts = 0

    # --- the process inside the sandbox -------------------------------------------------------
    def _child_pid(self):
        try:
            for tid in os.listdir(f"/proc/{self.proc.pid}/task"):
                with open(f"/proc/{self.proc.pid}/task/{tid}/children") as f:
                    kids = f.read().split()
                if kids:
                    return int(kids[0])
        except OSError:
            pass
        return None

    def signal(self, sig):
        pid = self._child_pid()
        if pid:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def start(self, argv):
        mode = "ab" if self.restarts else "wb"
        with open(self.stdout_path, mode) as out, open(self.stderr_path, mode) as err:
            self.proc = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _RUNNING.append(self)

    def wait(self, timeout):
        try:
            self.exit_code = self.proc.wait(timeout=timeout)
            return True
        except subprocess.TimeoutExpired:
            return False

    def terminate(self, grace):
        """SIGTERM, up to `grace` seconds, then SIGKILL, as kubelet does."""
        if not self.running():
            return
        self.signal(signal.SIGTERM)
        if not self.wait(grace):
            self.killed = True
            self.signal(signal.SIGKILL)
            self.proc.kill()
            self.wait(10)

    def output(self):
        with open(self.stdout_path, "rb") as f:
            out = f.read().decode("utf-8", "surrogateescape")
        with open(self.stderr_path, "rb") as f:
            err = f.read().decode("utf-8", "surrogateescape")
        return out, err


class PodRun:
    def __init__(self, pod, node, config_maps, workdir, fluent_bit=None, fluentd=None, ca_bundle=None,
                 cloud_env=None):
        self.pod, self.node, self.config_maps = pod, node, config_maps
        self.dir = os.path.join(workdir, "pods", pod.name)
        self.fluent_bit, self.fluentd, self.ca_bundle = fluent_bit, fluentd, ca_bundle
        self.cloud_env = cloud_env or {}
        self.volumes = {}
        self.secrets_used = set()
        os.makedirs(os.path.join(self.dir, "logs"), exist_ok=True)
        self.problems = []
        self._make_volumes()

    # --- volumes ------------------------------------------------------------------------------
    def _write_items(self, folder, data, items):
        os.makedirs(folder, exist_ok=True)
        pairs = [(i["key"], i.get("path", i["key"])) for i in items] if items else [(k, k) for k in data]
        for key, path in pairs:
            if key not in data:
                self.problems.append(f"volume item {key!r} not in its source")
                continue
            target = os.path.join(folder, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            value = data[key]
            with open(target, "wb") as f:
                f.write(value if isinstance(value, bytes) else str(value).encode())

    def _make_volumes(self):
        for v in self.pod.spec.get("volumes") or []:
            name = v["name"]
            folder = os.path.join(self.dir, "volumes", name)
            if "emptyDir" in v:
                os.makedirs(folder, exist_ok=True)
                os.chmod(folder, 0o777)  # kubelet makes emptyDirs world-writable
            elif "configMap" in v:
                cm = self.config_maps.get((self.pod.namespace, v["configMap"]["name"]))
                if cm is None:
                    if not v["configMap"].get("optional"):
                        self.problems.append(f"configMap {v['configMap']['name']!r} of volume {name!r} "
                                             f"not found in namespace {self.pod.namespace!r}")
                    cm = {}
                self._write_items(folder, cm, v["configMap"].get("items"))
            elif "secret" in v:
                sname = v["secret"]["secretName"]
                self.secrets_used.add(sname)
                items = v["secret"].get("items")
                keys = [i["key"] for i in items] if items else ["key"]
                self._write_items(folder, {k: fake_secret_value(sname, k) for k in keys}, items)
            elif "hostPath" in v:
                folder = self.node.host_path(v["hostPath"]["path"])
                kind = v["hostPath"].get("type", "")
                if kind in ("DirectoryOrCreate", "") and not os.path.exists(folder):
                    os.makedirs(folder, exist_ok=True)
                    os.chmod(folder, 0o755)
            elif "projected" in v:
                os.makedirs(folder, exist_ok=True)
                for src in v["projected"].get("sources") or []:
                    if "serviceAccountToken" in src:
                        with open(os.path.join(folder, src["serviceAccountToken"]["path"]), "w") as f:
                            f.write("fake-service-account-token")
            else:
                self.problems.append(f"volume {name!r}: type not modelled by the harness")
                continue
            self.volumes[name] = folder

    # --- environment --------------------------------------------------------------------------
    def field(self, path):
        p = self.pod
        m = re.fullmatch(r"metadata\.(labels|annotations)\['([^']+)'\]", path)
        if m:
            return (p.labels if m.group(1) == "labels" else p.annotations).get(m.group(2), "")
        return {"metadata.name": p.name, "metadata.namespace": p.namespace, "spec.nodeName": self.node.name,
                "spec.serviceAccountName": p.spec.get("serviceAccountName", "default"),
                "status.podIP": "127.0.0.1", "status.hostIP": "127.0.0.1",
                "metadata.uid": hashlib.sha1(p.name.encode()).hexdigest()}.get(path, "")

    def container_env(self, c):
        """The container's own variables in order, as kubelet resolves them."""
        env = {}
        for src in c.get("envFrom") or []:
            if "configMapRef" in src:
                env.update(self.config_maps.get((self.pod.namespace, src["configMapRef"]["name"]), {}))
            if "secretRef" in src:
                self.problems.append("envFrom secretRef: keys unknown to the harness")
        for e in c.get("env") or []:
            name = e["name"]
            if "valueFrom" not in e:
                env[name] = expand(str(e.get("value", "")), env)
                continue
            vf = e["valueFrom"]
            if "fieldRef" in vf:
                env[name] = self.field(vf["fieldRef"]["fieldPath"])
            elif "secretKeyRef" in vf:
                self.secrets_used.add(vf["secretKeyRef"]["name"])
                env[name] = fake_secret_value(vf["secretKeyRef"]["name"], vf["secretKeyRef"]["key"])
            elif "configMapKeyRef" in vf:
                cm = self.config_maps.get((self.pod.namespace, vf["configMapKeyRef"]["name"]), {})
                env[name] = str(cm.get(vf["configMapKeyRef"]["key"], ""))
            elif "resourceFieldRef" in vf:
                env[name] = "1"
        return env

    # --- the sandbox --------------------------------------------------------------------------
    def mounts(self, c, env):
        out = []
        for m in c.get("volumeMounts") or []:
            src = self.volumes.get(m["name"])
            if src is None:
                self.problems.append(f"container {c['name']!r} mounts unknown volume {m['name']!r}")
                continue
            sub = m.get("subPath") or (expand(m["subPathExpr"], env) if m.get("subPathExpr") else "")
            if sub:
                src = os.path.join(src, sub)
                if not os.path.exists(src):  # kubelet creates a missing subPath as a folder
                    os.makedirs(src, exist_ok=True)
                    os.chmod(src, 0o755)
            out.append((src, m["mountPath"], bool(m.get("readOnly"))))
        return sorted(out, key=lambda t: t[1].count("/"))

    def sandbox_argv(self, c, model, env):
        sc = c.get("securityContext") or {}
        # No --die-with-parent: its signal is tied to the thread that started the sandbox, and a
        # restart runs in a timer thread; containers still running at exit are killed instead.
        argv = ["bwrap", "--unshare-ipc", "--unshare-uts", "--hostname", self.pod.name,
                "--ro-bind", "/usr", "/usr"]
        for link in ("bin", "sbin", "lib", "lib64"):
            if os.path.islink("/" + link):
                argv += ["--symlink", os.readlink("/" + link), "/" + link]
        argv += ["--dir", "/etc"]
        for f in ETC_FILES:
            argv += ["--ro-bind-try", "/etc/" + f, "/etc/" + f]
        if self.ca_bundle:
            argv += ["--dir", "/etc/ssl", "--ro-bind", self.ca_bundle, "/etc/ssl/certs"]
        argv += ["--dev", "/dev", "--proc", "/proc", "--dir", "/tmp", "--dir", "/var"]
        if model:
            for inside, host in model.files.items():
                argv += ["--ro-bind", host, inside]
            for d in model.engine.binds:
                argv += ["--ro-bind", d, d]
        for src, dst, ro in self.mounts(c, env):
            argv += ["--ro-bind" if ro else "--bind", src, dst]
        if sc.get("readOnlyRootFilesystem"):
            argv += ["--remount-ro", "/"]
        if "ALL" in ((sc.get("capabilities") or {}).get("drop") or []):
            argv += ["--cap-drop", "ALL"]
        argv += ["--chdir", c.get("workingDir", "/")]
        return argv

    def process_env(self, c, model):
        env = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOSTNAME": self.pod.name,
               "KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"}
        if model:
            env.update(model.env)
        own = self.container_env(c)
        env.update(own)
        # Cloud identity the node or IRSA would provide, for outputs that sign requests.
        for k, v in self.cloud_env.items():
            env.setdefault(k, v)
        return env, own

    def command(self, c, model, own_env):
        cmd = [expand(x, own_env) for x in c.get("command") or []]
        args = [expand(x, own_env) for x in c.get("args") or []]
        if cmd:
            return cmd + args
        if model is None:
            return None
        return model.entrypoint + (args if c.get("args") else model.cmd)

    def runnable(self, c):
        """(model, None) or (None, reason) for a container."""
        model = image_model(c.get("image", ""), self.fluent_bit, self.fluentd)
        if model:
            return model, None
        if c.get("command") and c["command"][0].startswith("/bin/"):
            return None, None  # a shell step (e.g. Ray's log-folder init container): the host shell runs it
        return None, f"no engine for image {c.get('image')!r}"

    def launch(self, container, model):
        c = container.spec
        env, own = self.process_env(c, model)
        argv = self.command(c, model, own)
        sandbox = self.sandbox_argv(c, model, own) + ["--clearenv"]
        for k, v in env.items():
            sandbox += ["--setenv", k, v]
        container.start(sandbox + ["--"] + argv)
        return container
