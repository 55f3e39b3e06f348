"""What arrived against what Ray wrote: every line exactly once, in the right record, carrying
the origin of the Ray pod that wrote it, under the stream/labels/key the README promises."""
import re
from collections import Counter, defaultdict

from .ray_session import ID_FIELDS, TOKEN_PREFIX

TOKEN = re.compile(TOKEN_PREFIX + r"\d{8}")
ORIGIN = ("ray_cluster", "namespace", "pod", "ray_node_type", "ray_group", "ray_owner_kind", "ray_owner_name")
JOB_ID = re.compile(r"^(?!ffffffff$)[0-9a-f]{8}$")


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, bytes):
        yield value.decode("utf-8", "surrogateescape")
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings(k)
            yield from strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from strings(v)


def expected_origin(pod):
    r = pod.ray
    kind, name = pod.owner.split("/", 1)  # the RayJob, RayService or RayCluster the pod came from
    return {"ray_cluster": r["cluster"], "namespace": pod.namespace, "pod": pod.name,
            "ray_node_type": r["node_type"], "ray_group": "head" if r["node_type"] == "head" else r["group"],
            "ray_owner_kind": kind, "ray_owner_name": name}


def expected_ids(rec, record):
    """The ray_* fields the record must carry (None: must not): its file's, except that a line
    read as JSON that names a job (Ray's structured logging) gives its own job id."""
    want = {k: rec.ids.get(k) for k in ID_FIELDS}
    line_job = record.get("job_id")
    if isinstance(line_job, str) and JOB_ID.match(line_job):
        want["ray_job_id"] = line_job
    return want


class Verdict:
    def __init__(self, name):
        self.name = name
        self.delivered = self.lost = self.duplicated = 0
        self.losses_tolerated = False  # a restart case: what it proves is "no line twice"
        self.field_errors = []
        self.problems = []
        self.details = []  # which files lost or doubled lines (the counts decide)
        self.records = 0

    @property
    def ok(self):
        lost = self.lost and not self.losses_tolerated
        return not (lost or self.duplicated or self.field_errors or self.problems) and self.delivered > 0

    def summary(self):
        return {"backend": self.name, "records": self.records, "delivered": self.delivered, "lost": self.lost,
                "losses_tolerated": self.losses_tolerated,
                "duplicated": self.duplicated, "field_errors": len(self.field_errors), "ok": self.ok}


# Cloud Logging's severity for Ray's level as out_stackdriver maps it (stackdriver.c
# validate_severity_level; spdlog's T has no entry: no severity).
STACKDRIVER_SEVERITY = {"DEBUG": "DEBUG", "D": "DEBUG", "TRACE": "DEBUG", "INFO": "INFO", "I": "INFO",
                        "WARNING": "WARNING", "WARN": "WARNING", "W": "WARNING", "ERROR": "ERROR", "E": "ERROR",
                        "CRITICAL": "CRITICAL", "FATAL": "CRITICAL", "C": "CRITICAL", "F": "CRITICAL"}


def moved_fields(kind, settings):
    """Fields an output moves out of the record into the entry: field -> check(meta, expected
    value) -> error or None. They are checked there instead of in the record."""
    if kind != "stackdriver":
        return {}
    moved = {}
    log_name_key = settings.get("log_name_key")
    if log_name_key:
        moved[log_name_key] = lambda meta, want: (
            None if meta.get("log_id") == want else f"log {meta.get('log_id')!r} is not {want!r} ({log_name_key})")
    severity_key = settings.get("severity_key")
    if severity_key:
        moved[severity_key] = lambda meta, want: (
            None if meta.get("severity") == STACKDRIVER_SEVERITY.get(want.upper())
            else f"severity {meta.get('severity')!r} for Ray's level {want!r}")
    return moved


def check_backend(name, deliveries, ledger, pods_by_name, text_mode, identity_rule=None, problems=(), file_key="file",
                  moved=None):
    """deliveries: [Delivery]; identity_rule(meta, origin) -> error string or None; moved: moved_fields()."""
    moved = moved or {}
    v = Verdict(name)
    v.problems = [f"{p} (x{n})" if n > 1 else p for p, n in Counter(problems).items()]
    v.records = len(deliveries)
    owner = {}
    for rec in ledger.records:
        for t in rec.tokens:
            owner[t] = rec
    seen = Counter()
    errors = []
    for d in deliveries:
        if "labels" in d.meta:
            # Loki: a stream's labels and an entry's structured metadata are part of it (what a
            # query returns).
            d = type(d)(record={**d.meta["labels"], **d.meta.get("structured_metadata", {}), **d.record},
                        meta=d.meta, backend=d.backend)
        if d.backend == "opentelemetry":
            # OpenTelemetry: the resource's attributes are the origin of each of its log records
            # (Cloud Logging's meta has a "resource" too: its type, not attributes).
            d = type(d)(record={**d.meta["resource"], **d.record}, meta=d.meta, backend=d.backend)
        found = set()
        for s in strings(d.record):
            found.update(TOKEN.findall(s))
        found &= owner.keys()
        seen.update(found)
        recs = {id(owner[t]): owner[t] for t in found}
        for rec in recs.values():
            pod = pods_by_name[rec.pod]
            want = expected_origin(pod)
            for k in ORIGIN:
                if k in moved:
                    e = moved[k](d.meta, want[k])
                    if e:
                        errors.append(f"{rec.path} ({rec.tokens[0]}): {e}")
                    continue
                if str(d.record.get(k, "<missing>")) != want[k]:
                    errors.append(f"{rec.path} ({rec.tokens[0]}): {k}={d.record.get(k, '<missing>')!r}, "
                                  f"the Ray pod's is {want[k]!r}")
            for k, want_v in expected_ids(rec, d.record).items():
                got = d.record.get(k)
                if (want_v is None) != (got is None) or (want_v is not None and str(got) != want_v):
                    errors.append(f"{rec.path} ({rec.tokens[0]}): {k}={got!r}, the file's name says "
                                  f"{'nothing' if want_v is None else repr(want_v)}")
            f = str(d.record.get(file_key, ""))
            tail = f.split("/logs/", 1)[-1] if "/logs/" in f else f
            if tail not in (rec.path, rec.path + ".1"):  # .1: read after Ray rotated it
                errors.append(f"{rec.path} ({rec.tokens[0]}): file={f!r}")
            if text_mode:
                for k, want_v in rec.expect.items():
                    if k in moved:
                        e = moved[k](d.meta, want_v)
                        if e:
                            errors.append(f"{rec.path} ({rec.tokens[0]}) {rec.kind} line: {e}")
                        continue
                    if str(d.record.get(k)) != want_v:
                        errors.append(f"{rec.path} ({rec.tokens[0]}) {rec.kind} line: {k}={d.record.get(k)!r}, "
                                      f"expected {want_v!r}")
                msg = d.record.get("message", d.record.get("log"))
                if isinstance(msg, str) and msg.endswith("\n"):
                    errors.append(f"{rec.path} ({rec.tokens[0]}): message ends with a newline")
            if text_mode and rec.together and not set(rec.tokens) <= found:  # JSON mode reads lines whole
                errors.append(f"{rec.path} ({rec.tokens[0]}): a {len(rec.tokens)}-line record split "
                              f"({len(set(rec.tokens) & found)} lines in this one)")
            if identity_rule:
                e = identity_rule(d.meta, {**want, **{k: v for k, v in expected_ids(rec, d.record).items() if v}})
                if e:
                    errors.append(f"{rec.path} ({rec.tokens[0]}): {e}")
    all_tokens = [t for rec in ledger.records for t in rec.tokens]
    v.delivered = sum(1 for t in all_tokens if seen[t] == 1)
    v.lost = sum(1 for t in all_tokens if seen[t] == 0)
    v.duplicated = sum(1 for t in all_tokens if seen[t] > 1)
    lost_files = Counter(owner[t].path for t in all_tokens if seen[t] == 0)
    dup_files = Counter(owner[t].path for t in all_tokens if seen[t] > 1)
    if lost_files:
        v.details.append("lost lines by file: " + ", ".join(f"{p}: {n}" for p, n in sorted(lost_files.items())))
    if dup_files:
        v.details.append("duplicated lines by file: " + ", ".join(f"{p}: {n}" for p, n in sorted(dup_files.items())))
    # One message per distinct problem, with a count: a broken field shows on every record.
    grouped = defaultdict(int)
    for e in errors:
        grouped[re.sub(TOKEN_PREFIX + r"\d{8}", "…", e)] += 1
    v.field_errors = [f"{e} (x{n})" if n > 1 else e for e, n in sorted(grouped.items())]
    return v


# --- where the README says each backend keeps a pod's records ---------------------------------
def identity_rule(kind, settings):
    if kind == "cloudwatch":
        def rule(meta, want):
            stream = meta.get("stream", "")
            return None if stream.endswith(want["pod"]) else f"CloudWatch stream {stream!r} is not the pod's ({want['pod']})"
        return rule
    if kind == "loki":
        def rule(meta, want):
            labels = meta.get("labels", {})
            bad = [f"{k}={labels.get(k)!r}" for k in ("ray_cluster", "namespace", "ray_node_type", "ray_group")
                   if labels.get(k) != want[k]]
            if bad:
                return f"Loki labels {', '.join(bad)} are not the Ray pod's"
            # Job, worker and owner go as structured metadata, never labels (cardinality).
            as_labels = sorted(k for k in ID_FIELDS + ("ray_owner_kind", "ray_owner_name") if k in labels)
            if as_labels:
                return f"Loki labels {as_labels} should be structured metadata"
            if settings.get("structured_metadata"):
                meta = meta.get("structured_metadata", {})
                missing = [k for k in ID_FIELDS + ("ray_owner_kind", "ray_owner_name")
                           if k in want and meta.get(k) != want[k]]
                if missing:
                    return f"Loki structured metadata {meta!r} lacks {missing}"
            return None
        return rule
    if kind == "opentelemetry":
        def rule(meta, want):
            res = meta.get("resource", {})
            bad = [f"{k}={res.get(k)!r}" for k in ORIGIN if res.get(k) != want[k]]
            return f"OTLP resource attributes {', '.join(bad)} are not the Ray pod's" if bad else None
        return rule
    if kind == "splunk":
        def rule(meta, want):
            fields = meta.get("fields", {})
            bad = [f"{k}={fields.get(k)!r}" for k in ORIGIN if fields.get(k) != want[k]]
            if meta.get("host") != want["pod"]:
                bad.append(f"host={meta.get('host')!r}")
            return f"HEC {', '.join(bad)} are not the Ray pod's" if bad else None
        return rule
    if kind == "datadog":
        def rule(meta, want):
            tags = meta.get("ddtags", {})
            if "pod" not in tags:
                return None  # a node agent serves many pods: the record's attributes say it
            bad = [f"{k}:{tags.get(k)}" for k in ("ray_cluster", "namespace", "pod") if tags.get(k) != want[k]]
            return f"Datadog tags {', '.join(bad)} are not the Ray pod's" if bad else None
        return rule
    if kind == "kafka":
        if settings.get("message_key_field", "pod") != "pod":
            return None  # a user's key field (a sidecar keys by its pod: message_key ${RAYLOG_POD})
        topic = settings.get("topics")
        def rule(meta, want):
            # Keyed by the pod: one pod's lines in one partition, in order.
            if meta.get("topic") != topic:
                return f"Kafka topic {meta.get('topic')!r}, not {topic!r}"
            return None if meta.get("key") == want["pod"] else f"Kafka key {meta.get('key')!r} is not the pod {want['pod']}"
        return rule
    if kind == "s3":
        fmt = settings.get("s3_key_format", "")
        if "RAYLOG_POD" not in fmt and "$TAG[" not in fmt:
            return None  # a user's key format that does not name the pod (e.g. $TAG alone)
        if settings.get("match", "").startswith("s3o") and "/$TAG[1]/" in fmt:
            # keyPerJob (s3_output.cpp): <pod>/<job>/, the job being the record's ray_job_id, else
            # its ray_submission_id, else _nojob.
            def per_job(meta, want):
                key = meta.get("key", "")
                job = want.get("ray_job_id") or want.get("ray_submission_id") or "_nojob"
                return None if f"/{want['pod']}/{job}/" in key else (
                    f"S3 key {key!r} does not name the pod and job {want['pod']}/{job}")
            return per_job
        def rule(meta, want):
            key = meta.get("key", "")
            return None if f"/{want['pod']}/" in key else f"S3 key {key!r} does not name the pod {want['pod']}"
        return rule
    if kind == "stackdriver":
        def rule(meta, want):
            # A sidecar labels each entry with its pod's origin; a node agent's stay in jsonPayload.
            labels = meta.get("labels")
            if labels is None:
                return None if "labels" not in settings else "entries carry no labels"
            bad = [f"{k}={labels.get(k)!r}" for k in ORIGIN if labels.get(k) != want[k]]
            return f"Cloud Logging labels {', '.join(bad)} are not the Ray pod's" if bad else None
        return rule
    if kind == "kinesis_firehose":
        stream = settings.get("delivery_stream")
        def rule(meta, want):
            return None if meta.get("stream") == stream else f"delivery stream {meta.get('stream')!r}, not {stream!r}"
        return rule
    if kind == "azure_blob":
        def rule(meta, want):
            blob = meta.get("blob", "")
            return None if want["pod"] in blob else f"blob {blob!r} does not name the pod {want['pod']}"
        return rule
    return None
