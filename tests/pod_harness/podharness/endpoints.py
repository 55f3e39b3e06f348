"""Points every output of a rendered agent config at a local stand-in, changing only where it
sends to (host, port, endpoint): every other setting stays as rendered."""
import re
from dataclasses import dataclass

import yaml

# Fluent Bit plugin name -> stand-in kind
FLUENT_BIT_KINDS = {"s3": "s3", "cloudwatch_logs": "cloudwatch", "es": "elasticsearch", "opensearch": "opensearch",
                    "loki": "loki", "azure_blob": "azure_blob", "forward": "forward", "stdout": "stdout",
                    "stackdriver": "stackdriver", "kinesis_firehose": "kinesis_firehose", "gcs": "gcs",
                    "opentelemetry": "opentelemetry", "splunk": "splunk", "http": "http", "datadog": "datadog",
                    "kafka": "kafka"}
FLUENTD_KINDS = {"elasticsearch": "elasticsearch", "forward": "forward", "stdout": "stdout"}


@dataclass
class Output:
    kind: str       # stand-in kind
    index: int      # position among the config's outputs
    tls: bool       # the agent will speak TLS to it
    settings: dict  # the output's settings as rendered (lower-case keys)


def _on(v):
    return str(v).strip().lower() in ("on", "true", "yes", "1")


def is_fluent_bit_yaml(text):
    """Whether `text` is a YAML-format Fluent Bit config (a mapping with a pipeline)."""
    try:
        doc = yaml.load(text, Loader=yaml.BaseLoader)
    except yaml.YAMLError:
        return False
    return isinstance(doc, dict) and any(str(k).lower() == "pipeline" for k in doc)


def _yaml_outputs(doc):
    """pipeline.outputs of a YAML-format config (BaseLoader: every scalar a string)."""
    pipeline = next((v for k, v in doc.items() if k.lower() == "pipeline"), {}) or {}
    return next((v for k, v in pipeline.items() if k.lower() == "outputs"), []) or []


def fluent_bit_outputs(text):
    """The outputs of a classic- or YAML-format config, in order."""
    outs, cur = [], None
    if is_fluent_bit_yaml(text):
        for o in _yaml_outputs(yaml.load(text, Loader=yaml.BaseLoader)):
            # A repeated key is a list in YAML; the classic reading keeps its first value. Every
            # `header` is kept (a list): the stand-in checks those from Secrets.
            outs.append({k.lower(): (v if k.lower() == "header" else v[0]) if isinstance(v, list) else
                         ([v] if k.lower() == "header" else v) for k, v in o.items()})
    for line in ([] if outs else text.splitlines()):
        s = line.strip()
        if s.startswith("["):
            cur = {} if s.upper() == "[OUTPUT]" else None
            if cur is not None:
                outs.append(cur)
            continue
        if cur is not None and s and not s.startswith("#"):
            k, _, v = s.partition(" ")
            if k.lower() == "header":
                cur.setdefault("header", []).append(v.strip())
            else:
                cur.setdefault(k.lower(), v.strip())
    result = []
    for i, o in enumerate(outs):
        kind = FLUENT_BIT_KINDS.get(o.get("name", ""), o.get("name", ""))
        if kind == "cloudwatch":
            tls = True  # out_cloudwatch_logs always speaks TLS (the AWS credential chain forces use_tls)
        elif kind in ("stackdriver", "kinesis_firehose", "gcs"):
            tls = True  # upstreams created with FLB_IO_TLS (stackdriver.c, firehose.c, gcs.c)
        elif kind == "s3":
            tls = not o.get("endpoint", "").startswith("http://")
        elif kind == "azure_blob":
            tls = _on(o.get("tls", "off")) and not o.get("endpoint", "").startswith("http://")
        elif kind == "kafka":  # librdkafka's security.protocol: ssl or sasl_ssl
            tls = o.get("rdkafka.security.protocol", "").lower().endswith("ssl")
        else:
            tls = _on(o.get("tls", "off"))
        result.append(Output(kind, i, tls, o))
    return result


# Settings that say where an output sends to: replaced, whatever the output.
REWRITTEN = ("host", "port", "endpoint", "cloud_logging_base_url", "metadata_server", "brokers")
# Outputs whose stand-in gives its own settings: ports[i] is the stand-in's port, or for
# stackdriver (port, metadata server URL).
POINTED = ("stackdriver", "kinesis_firehose", "kafka")


def _pointing(kind, port):
    if kind == "stackdriver":  # stackdriver_conf.c: cloud_logging_base_url, metadata_server
        logging_port, metadata_url = port
        return [("cloud_logging_base_url", f"https://127.0.0.1:{logging_port}"), ("metadata_server", metadata_url)]
    if kind == "kinesis_firehose":  # firehose.c: endpoint (https:// stripped), the generic port (5.x)
        return [("endpoint", "127.0.0.1"), ("port", str(port))]
    if kind == "kafka":  # out_kafka: brokers, a host:port list (kafka.c config map)
        return [("brokers", f"127.0.0.1:{port}")]
    return []


def _rewrite_fluent_bit_yaml(text, ports):
    doc = yaml.load(text, Loader=yaml.BaseLoader)
    outputs = fluent_bit_outputs(text)
    for i, o in enumerate(_yaml_outputs(doc)):
        port = ports.get(i)
        if port is None:
            continue
        for k in [k for k in o if k.lower() in REWRITTEN]:
            del o[k]
        scheme = "https" if outputs[i].tls else "http"
        if outputs[i].kind in POINTED:
            o.update(_pointing(outputs[i].kind, port))
        elif outputs[i].kind in ("s3", "azure_blob"):
            o["endpoint"] = f"{scheme}://127.0.0.1:{port}"
        elif outputs[i].kind == "cloudwatch":
            o["endpoint"], o["port"] = "127.0.0.1", str(port)
        elif outputs[i].kind != "stdout":
            o["host"], o["port"] = "127.0.0.1", str(port)
    return yaml.safe_dump(doc, default_flow_style=False, sort_keys=False, width=1 << 20)


def rewrite_fluent_bit(text, ports):
    """`ports[i]` is the stand-in port of output i. Returns the config pointed at 127.0.0.1."""
    if is_fluent_bit_yaml(text):
        return _rewrite_fluent_bit_yaml(text, ports)
    out_lines, index, section = [], -1, None
    pending = []

    def flush():
        # Keys an output had no line for (cloudwatch/s3 to AWS have no endpoint) go at its end.
        nonlocal pending
        out_lines.extend(pending)
        pending = []

    lines = text.splitlines()
    outputs = fluent_bit_outputs(text)
    for line in lines:
        s = line.strip()
        if s.startswith("["):
            flush()
            section = s.upper()
            if section == "[OUTPUT]":
                index += 1
                o = outputs[index]
                port, scheme = ports.get(index), "https" if o.tls else "http"
                if port is not None:
                    ind = "    "
                    if o.kind in POINTED:
                        pending = [f"{ind}{k} {v}" for k, v in _pointing(o.kind, port)]
                    elif o.kind in ("s3", "azure_blob"):
                        pending = [f"{ind}endpoint {scheme}://127.0.0.1:{port}"]
                    elif o.kind == "cloudwatch":
                        pending = [f"{ind}endpoint 127.0.0.1", f"{ind}port {port}"]
                    elif o.kind != "stdout":
                        pending = [f"{ind}Host 127.0.0.1", f"{ind}Port {port}"]
            out_lines.append(line)
            continue
        if section == "[OUTPUT]" and s:
            key = s.split(" ", 1)[0].lower()
            o = outputs[index]
            if ports.get(index) is not None and key in REWRITTEN:
                continue  # replaced by the pending lines
        out_lines.append(line)
    flush()
    return "\n".join(out_lines) + "\n"


_DIRECTIVE = re.compile(r"^\s*<(/?)([\w]+)\s*([^>]*)>\s*$")


def _walk_fluentd(text):
    """(line, names of the directives open after it, whether it opens or closes one)."""
    stack = []
    for line in text.splitlines():
        m = _DIRECTIVE.match(line)
        if m:
            if m.group(1):
                stack.pop()
            else:
                stack.append(m.group(2))
        yield line, stack, bool(m)


def fluentd_outputs(text):
    """Outputs of a Fluentd config: each <match> or <store> with an @type, in order."""
    outs, params = [], []  # params: one dict per open directive
    for line, stack, directive in _walk_fluentd(text):
        if directive:
            del params[len(stack):]
            if len(params) < len(stack):
                params.append({})
                if stack[-1] in ("match", "store"):
                    outs.append(params[-1])
        elif params:
            k, _, v = line.strip().partition(" ")
            params[-1].setdefault(k, v.strip())
    result = []
    for p in outs:
        t = p.get("@type")
        if t in FLUENTD_KINDS:
            tls = p.get("scheme") == "https" or p.get("transport") == "tls"
            result.append(Output(FLUENTD_KINDS[t], len(result), tls, p))
    return result


def rewrite_fluentd(text, ports):
    out, index = [], -1
    for line, stack, directive in _walk_fluentd(text):
        k, _, v = line.strip().partition(" ")
        if not directive and k == "@type" and stack and stack[-1] in ("match", "store") and v.strip() in FLUENTD_KINDS:
            index += 1
        port = ports.get(index)
        if not directive and port is not None and stack and stack[-1] in ("match", "store", "server") and k in ("host", "port"):
            ind = line[: len(line) - len(line.lstrip())]
            out.append(f"{ind}{k} {'localhost' if k == 'host' else port}")
            continue
        out.append(line)
    return "\n".join(out) + "\n"
