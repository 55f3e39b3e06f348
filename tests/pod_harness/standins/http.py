"""Generic HTTP endpoint stand-in for Fluent Bit out_http: POST of JSON lines (format
json_lines), a JSON array (json) or msgpack, gzip with 'compress gzip'. Fluent Bit counts
200-205 as success (http.c:318 in 5.1.1). Headers arrive as configured ('header <name>
<value>'); `require` maps header names to values that must be present (e.g. Authorization),
and a header still holding '${' means the agent did not have the variable. meta: path and the
request's headers named in `require`."""

from __future__ import annotations

import io
import json

import msgpack

from .base import HTTPStandIn, Request, Response, decode_bytes, json_lines, to_str


class HttpStandIn(HTTPStandIn):
    kind = 'http'

    def __init__(self, tls=None, require: dict | None = None):
        super().__init__(tls)
        self.require = dict(require or {})  # header -> exact value, or None: must be present

    def handle(self, req: Request) -> Response:
        if req.method not in ('POST', 'PUT'):
            return Response(405, b'method not allowed\n', content_type='text/plain')
        for name, want in self.require.items():
            got = req.header(name)
            if got is None or not got.strip():
                return self._bad(401, f'{req.path}: header {name} missing')
            if want is not None and got != want:
                return self._bad(401, f'{req.path}: header {name} is not the expected value')
        for name, value in req.headers.items():
            if '${' in value:
                return self._bad(400, f'{req.path}: header {name} holds an unexpanded {value!r}')
        ct = (req.header('Content-Type') or '').split(';')[0].strip().lower()
        try:
            data = req.body()
        except (ValueError, OSError, EOFError) as exc:
            return self._bad(400, f'cannot decode body: {exc}')
        if ct == 'application/msgpack':
            records = [decode_bytes(o) for o in msgpack.Unpacker(io.BytesIO(data), raw=True, strict_map_key=False)]
        elif ct == 'application/json':
            try:
                body = json.loads(to_str(data))
            except ValueError as exc:
                return self._bad(400, f'body is not JSON: {exc}')
            records = body if isinstance(body, list) else [body]
        elif ct == 'application/x-ndjson' or ct == '':
            records = json_lines(data)
            if any('_raw' in r for r in records if isinstance(r, dict)):
                return self._bad(400, 'a line of the body is not JSON')
        else:
            return self._bad(415, f'unsupported Content-Type {ct!r}')
        meta = {'path': req.path, 'headers': {k: req.header(k) for k in self.require}}
        for r in records:
            self._deliver(r, meta)
        return Response(200, b'ok\n', content_type='text/plain')

    def _bad(self, status: int, text: str) -> Response:
        self._problem(text)
        return Response(status, (text + '\n').encode(), content_type='text/plain')
