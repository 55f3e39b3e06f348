"""Grafana Loki stand-in: POST /loki/api/v1/push.

Fluent Bit out_loki (3.2.10 and 5.1.1) always sends JSON
(Content-Type application/json, plugins/out_loki/loki.h FLB_LOKI_CT_JSON),
gzip only with 'compress gzip'. Promtail-style snappy+protobuf is
accepted too (Content-Type application/x-protobuf)."""

from __future__ import annotations

import json
import re

from .base import HTTPStandIn, Request, Response, to_str
from .snappy import decompress as snappy_decompress, protobuf_fields

LABEL_NAME = re.compile(r'^[a-zA-Z_][a-zA-Z0-9_]*$')
LABEL_PAIR = re.compile(r'\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?')


def parse_label_string(text: str) -> dict | None:
    """'{a="b", c="d"}' -> {'a': 'b', 'c': 'd'}; None if malformed."""
    text = text.strip()
    if not (text.startswith('{') and text.endswith('}')):
        return None
    inner = text[1:-1]
    out = {}
    pos = 0
    while pos < len(inner):
        if not inner[pos:].strip():
            break
        m = LABEL_PAIR.match(inner, pos)
        if not m:
            return None
        out[m.group(1)] = json.loads('"' + m.group(2) + '"')
        pos = m.end()
    return out


class LokiStandIn(HTTPStandIn):
    kind = 'loki'

    def handle(self, req: Request) -> Response:
        path = req.path.rstrip('/')
        if path in ('/ready', '/loki/api/v1/status/buildinfo', '/metrics'):
            if path.endswith('buildinfo'):
                return Response(200, {'version': '3.1.0'})
            return Response(200, b'ready\n', content_type='text/plain')
        if path in ('/loki/api/v1/push', '/api/prom/push'):
            if req.method != 'POST':
                return Response(405, b'method not allowed\n', content_type='text/plain')
            return self._push(req)
        if path.startswith('/loki/api/v1/'):
            return Response(200, {'status': 'success', 'data': []})
        return Response(404, b'404 page not found\n', content_type='text/plain')

    def _bad(self, text: str) -> Response:
        self._problem(text)
        return Response(400, (text + '\n').encode(), content_type='text/plain; charset=utf-8')

    def _push(self, req: Request) -> Response:
        ct = (req.header('Content-Type') or '').split(';')[0].strip().lower()
        try:
            data = req.body()
        except (ValueError, OSError, EOFError) as exc:
            return self._bad(f'push: cannot decode body: {exc}')
        if ct in ('application/x-protobuf', ''):
            if ct == '' and data[:1] in (b'{', b' '):
                ct = 'application/json'
            else:
                ct = 'application/x-protobuf'
                try:
                    streams = self._decode_protobuf(data)
                except (ValueError, IndexError) as exc:
                    return self._bad(f'push: bad snappy/protobuf body: {exc}')
        if ct == 'application/json':
            try:
                body = json.loads(to_str(data))
            except ValueError as exc:
                return self._bad(f'push: body is not JSON: {exc}')
            if not isinstance(body, dict) or not isinstance(body.get('streams'), list):
                return self._bad('push: JSON body has no "streams" array')
            streams = []
            for n, st in enumerate(body['streams']):
                if not isinstance(st, dict) or not isinstance(st.get('stream'), dict) \
                        or not isinstance(st.get('values'), list):
                    return self._bad(f'push: streams[{n}] lacks a "stream" object or "values" array')
                for m, v in enumerate(st['values']):
                    if not (isinstance(v, list) and len(v) in (2, 3) and isinstance(v[0], str)
                            and v[0].isdigit() and isinstance(v[1], str)
                            and (len(v) == 2 or isinstance(v[2], dict))):
                        return self._bad(f'push: streams[{n}].values[{m}] is not '
                                         f'["<unix ns string>", "<line>"(, {{metadata}})]: {v!r}'[:300])
                streams.append((st['stream'], [(int(v[0]), v[1], v[2] if len(v) == 3 else {})
                                               for v in st['values']]))
        elif ct != 'application/x-protobuf':
            return self._bad(f'push: unsupported Content-Type {ct!r}')

        for labels, values in streams:
            if not labels:
                return self._bad('push: error at least one label pair is required per stream')
            for k, v in labels.items():
                if not LABEL_NAME.match(k) or not isinstance(v, str):
                    return self._bad(f'push: invalid label {k!r}={v!r}')
        for labels, values in streams:
            for ns, line, metadata in values:
                try:
                    rec = json.loads(line)
                    if not isinstance(rec, dict):
                        rec = {'_raw': line}
                except ValueError:
                    rec = {'_raw': line}
                meta = {'labels': dict(labels)}
                if metadata:  # structured metadata: string values only (Loki's push API)
                    if not all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()):
                        return self._bad(f'push: structured metadata must map strings to strings: {metadata!r}'[:300])
                    meta['structured_metadata'] = dict(metadata)
                self._deliver(rec, meta, ns / 1e9)
        return Response(204)

    @staticmethod
    def _decode_protobuf(data: bytes):
        raw = snappy_decompress(data)
        streams = []
        for fno, wt, val in protobuf_fields(raw):
            if fno != 1 or wt != 2:
                continue
            labels_text, entries = '', []
            for f2, w2, v2 in protobuf_fields(val):
                if f2 == 1 and w2 == 2:
                    labels_text = to_str(v2)
                elif f2 == 2 and w2 == 2:
                    sec = nsec = 0
                    line = ''
                    for f3, w3, v3 in protobuf_fields(v2):
                        if f3 == 1 and w3 == 2:
                            for f4, _w4, v4 in protobuf_fields(v3):
                                if f4 == 1:
                                    sec = v4
                                elif f4 == 2:
                                    nsec = v4
                        elif f3 == 2 and w3 == 2:
                            line = to_str(v3)
                    entries.append((sec * 1_000_000_000 + nsec, line, {}))
            labels = parse_label_string(labels_text)
            if labels is None:
                raise ValueError(f'bad label string {labels_text!r}')
            streams.append((labels, entries))
        return streams
