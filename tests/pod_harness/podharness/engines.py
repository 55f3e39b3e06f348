"""The real engines (built by hand, never committed) and the images that carry them.

Fluent Bit is found through RAYLOG_FLUENT_BIT (colon-separated binaries) or `fluent-bit`,
`fluent-bit-<version>` on PATH; Fluentd through RAYLOG_FLUENTD or `fluentd` on PATH.
"""
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field


@dataclass
class Engine:
    kind: str      # "fluent-bit" or "fluentd"
    version: str   # e.g. "3.2.10"
    path: str      # host executable
    binds: list = field(default_factory=list)  # host folders the executable needs inside the sandbox


def _version(path, kind):
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r"Fluent Bit v(\d+\.\d+\.\d+)" if kind == "fluent-bit" else r"fluentd (\d+\.\d+\.\d+)", out)
    return m.group(1) if m else None


def _candidates(kind):
    env = os.environ.get("RAYLOG_FLUENT_BIT" if kind == "fluent-bit" else "RAYLOG_FLUENTD", "")
    paths = [p for p in env.split(":") if p]
    for d in os.environ.get("PATH", "").split(":"):
        if not d or not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if name == kind or name.startswith(kind + "-"):
                paths.append(os.path.join(d, name))
    return paths


def find_engine(kind, want):
    """The first engine of `kind` whose version starts with `want` ("3.2", "5.1", "" = any)."""
    for path in _candidates(kind):
        if not os.access(path, os.X_OK):
            continue
        v = _version(path, kind)
        if v and (v == want or v.startswith(want + ".") or not want):
            real = os.path.realpath(path)
            binds = []
            if kind == "fluentd":
                # The wrapper and its gems live in one folder tree next to it.
                binds.append(os.path.dirname(os.path.dirname(real)))
            return Engine(kind, v, real, binds)
    return None


def output_plugins(engine):
    """The output plugins a Fluent Bit binary was built with (its -h lists them), or None if
    it cannot tell: a plugin left out at build time (FLB_OUT_KAFKA ...) is missing there."""
    try:
        out = subprocess.run([engine.path, "-h"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    out = re.sub(r"\x1b\[[0-9;]*m", "", out)
    m = re.search(r"^Outputs\n(.*?)(?:^\S|\Z)", out, re.S | re.M)
    return {line.split()[0] for line in m.group(1).splitlines() if line.strip()} if m else None


def sandbox_available():
    return shutil.which("bwrap") is not None


@dataclass
class ImageModel:
    """What a container image contributes: ENTRYPOINT, CMD, ENV and its executables."""
    entrypoint: list
    cmd: list
    env: dict
    files: dict    # path in the container -> host path
    engine: Engine = None


DISTROLESS_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def image_model(image, fluent_bit, fluentd):
    """The model of `image`, or None when no engine here can run it."""
    repo = image.split("@")[0].rsplit(":", 1)[0] if ":" in image.split("/")[-1] else image.split("@")[0]
    if repo.endswith("fluent/fluent-bit") or repo.endswith("fluent-bit"):
        if not fluent_bit:
            return None
        # fluent/fluent-bit's dockerfiles/Dockerfile (v3.2.10 and v5.1.1 alike):
        # ENTRYPOINT ["/fluent-bit/bin/fluent-bit"]; CMD [".../fluent-bit", "-c", "/fluent-bit/etc/fluent-bit.conf"]
        # (raylog-gen's containers give args: -c and the file in the mounted ConfigMap folder)
        return ImageModel(["/fluent-bit/bin/fluent-bit"],
                          ["/fluent-bit/bin/fluent-bit", "-c", "/fluent-bit/etc/fluent-bit.conf"],
                          {"PATH": DISTROLESS_PATH, "FLUENT_BIT_VERSION": fluent_bit.version},
                          {"/fluent-bit/bin/fluent-bit": fluent_bit.path}, fluent_bit)
    if "fluentd" in repo:
        if not fluentd:
            return None
        # fluent/fluentd-kubernetes-daemonset: ENTRYPOINT ["tini", "--", "/fluentd/entrypoint.sh"];
        # raylog-gen's container sets its own command, so only PATH matters here.
        return ImageModel(["/fluentd/entrypoint.sh"], [],
                          {"PATH": "/fluentd/bin:" + DISTROLESS_PATH, "FLUENTD_CONF": "fluent.conf"},
                          {"/fluentd/bin/fluentd": fluentd.path}, fluentd)
    return None


def is_ray_image(image):
    return "rayproject/ray" in image or image.split("/")[-1].startswith("ray:")
