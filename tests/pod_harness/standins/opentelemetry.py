"""OpenTelemetry collector stand-in: OTLP/HTTP logs, POST /v1/logs.

Fluent Bit out_opentelemetry (3.2.10 and 5.1.1) sends an ExportLogsServiceRequest as protobuf
(Content-Type application/x-protobuf, plugins/out_opentelemetry/opentelemetry.h), HTTP/1.1
(http2 defaults to off, opentelemetry.c:734 / :1066), gzip with 'compress gzip'. The OTLP/HTTP
JSON encoding is accepted too. Each log record becomes one Delivery: its attributes plus the body
(a string body as 'message', a map body merged in); meta['resource'] holds the resource's
attributes, which the harness checks as the record's origin.

Field numbers: opentelemetry-proto logs/v1/logs.proto, common/v1/common.proto."""

from __future__ import annotations

import json

from .base import HTTPStandIn, Request, Response, to_str
from .snappy import protobuf_fields


def _any_value(data: bytes):
    """AnyValue: 1 string, 2 bool, 3 int, 4 double, 5 array, 6 kvlist, 7 bytes."""
    import struct
    for fno, wt, val in protobuf_fields(data):
        if fno == 1 and wt == 2:
            return to_str(val)
        if fno == 2:
            return bool(val)
        if fno == 3:
            return val - (1 << 64) if val >= 1 << 63 else val
        if fno == 4 and wt == 1:
            return struct.unpack('<d', val.to_bytes(8, 'little'))[0]
        if fno == 5 and wt == 2:
            return [_any_value(v) for f, w, v in protobuf_fields(val) if f == 1 and w == 2]
        if fno == 6 and wt == 2:
            return _kvlist(v for f, w, v in protobuf_fields(val) if f == 1 and w == 2)
        if fno == 7 and wt == 2:
            return bytes(val)
    return None


def _kvlist(items) -> dict:
    out = {}
    for kv in items:
        key, value = '', None
        for fno, wt, val in protobuf_fields(kv):
            if fno == 1 and wt == 2:
                key = to_str(val)
            elif fno == 2 and wt == 2:
                value = _any_value(val)
        out[key] = value
    return out


def decode_logs_protobuf(data: bytes) -> list[tuple[dict, dict, dict]]:
    """ExportLogsServiceRequest -> [(resource attributes, log record fields, log record)], where
    the log record is {'body', 'attributes', 'time_unix_nano', 'severity_text', ...}."""
    out = []
    for f1, w1, rl in protobuf_fields(data):
        if f1 != 1 or w1 != 2:
            continue
        resource: dict = {}
        scopes = []
        for f2, w2, v2 in protobuf_fields(rl):
            if f2 == 1 and w2 == 2:
                resource = _kvlist(v for f, w, v in protobuf_fields(v2) if f == 1 and w == 2)
            elif f2 == 2 and w2 == 2:
                scopes.append(v2)
        for sl in scopes:
            for f3, w3, lr in protobuf_fields(sl):
                if f3 != 2 or w3 != 2:
                    continue
                rec = {'attributes': {}}
                attrs = []
                for f4, w4, v4 in protobuf_fields(lr):
                    if f4 == 1 and w4 == 1:
                        rec['time_unix_nano'] = v4
                    elif f4 == 11 and w4 == 1:
                        rec['observed_time_unix_nano'] = v4
                    elif f4 == 3 and w4 == 2:
                        rec['severity_text'] = to_str(v4)
                    elif f4 == 5 and w4 == 2:
                        rec['body'] = _any_value(v4)
                    elif f4 == 6 and w4 == 2:
                        attrs.append(v4)
                rec['attributes'] = _kvlist(attrs)
                out.append((resource, rec))
    return out


def _json_any(v):
    if not isinstance(v, dict):
        return None
    if 'stringValue' in v:
        return v['stringValue']
    if 'boolValue' in v:
        return v['boolValue']
    if 'intValue' in v:
        return int(v['intValue'])
    if 'doubleValue' in v:
        return v['doubleValue']
    if 'arrayValue' in v:
        return [_json_any(x) for x in v['arrayValue'].get('values', [])]
    if 'kvlistValue' in v:
        return {kv['key']: _json_any(kv.get('value')) for kv in v['kvlistValue'].get('values', [])}
    return None


def decode_logs_json(body) -> list[tuple[dict, dict]]:
    out = []
    for rl in body.get('resourceLogs', []):
        resource = {kv['key']: _json_any(kv.get('value')) for kv in rl.get('resource', {}).get('attributes', [])}
        for sl in rl.get('scopeLogs', []):
            for lr in sl.get('logRecords', []):
                rec = {'attributes': {kv['key']: _json_any(kv.get('value')) for kv in lr.get('attributes', [])}}
                if 'body' in lr:
                    rec['body'] = _json_any(lr['body'])
                if 'timeUnixNano' in lr:
                    rec['time_unix_nano'] = int(lr['timeUnixNano'])
                out.append((resource, rec))
    return out


class OpenTelemetryStandIn(HTTPStandIn):
    kind = 'opentelemetry'

    def handle(self, req: Request) -> Response:
        if req.path.rstrip('/') != '/v1/logs':
            return Response(404, b'404 page not found\n', content_type='text/plain')
        if req.method != 'POST':
            return Response(405, b'method not allowed\n', content_type='text/plain')
        ct = (req.header('Content-Type') or '').split(';')[0].strip().lower()
        try:
            data = req.body()
        except (ValueError, OSError, EOFError) as exc:
            return self._bad(f'cannot decode body: {exc}')
        try:
            if ct == 'application/x-protobuf':
                logs = decode_logs_protobuf(data)
            elif ct == 'application/json':
                logs = decode_logs_json(json.loads(to_str(data)))
            else:
                return self._bad(f'unsupported Content-Type {ct!r} (OTLP/HTTP: application/x-protobuf or json)', 415)
        except (ValueError, IndexError, KeyError, AttributeError) as exc:
            return self._bad(f'malformed OTLP request: {exc}')
        for resource, rec in logs:
            record = dict(rec['attributes'])
            body = rec.get('body')
            if isinstance(body, dict):
                record.update(body)
            elif body is not None:
                record['message'] = body
            t = rec.get('time_unix_nano') or None
            self._deliver(record, {'resource': dict(resource)}, t / 1e9 if t else None)
        # An empty ExportLogsServiceResponse (protobuf: no fields), as the collector answers.
        return Response(200, b'', content_type=ct)

    def _bad(self, text: str, status: int = 400) -> Response:
        self._problem(text)
        return Response(status, (text + '\n').encode(), content_type='text/plain')
