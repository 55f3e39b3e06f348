"""Datadog Logs intake stand-in: POST /api/v2/logs.

Fluent Bit out_datadog (3.2.10 and 5.1.1) sends a JSON array of log objects (the record, plus
ddsource, service, ddtags, timestamp; datadog.h:28-35), Content-Type application/json, the API
key in DD-API-KEY (datadog.h:40, datadog.c:425), gzip with 'compress gzip'. The intake answers
202 {} (Fluent Bit accepts 200-205, datadog.c:449 in 5.1.1); 403 for a missing or wrong key.
meta: ddsource, service, ddtags (as a dict)."""

from __future__ import annotations

import json

from .base import HTTPStandIn, Request, Response, to_str


class DatadogStandIn(HTTPStandIn):
    kind = 'datadog'

    def __init__(self, tls=None, api_key: str | None = None):
        super().__init__(tls)
        self.api_key = api_key  # when set, the only key accepted

    def handle(self, req: Request) -> Response:
        if req.path.rstrip('/') != '/api/v2/logs':
            return Response(404, {'errors': [{'status': '404', 'title': 'Not Found'}]})
        if req.method != 'POST':
            return Response(405, {'errors': [{'status': '405', 'title': 'Method Not Allowed'}]})
        key = req.header('DD-API-KEY') or ''
        if not key.strip() or '${' in key or (self.api_key is not None and key != self.api_key):
            self._problem('missing or invalid DD-API-KEY' if key else 'no DD-API-KEY header')
            return Response(403, {'errors': [{'status': '403', 'title': 'Forbidden', 'detail': 'Invalid API key'}]})
        ct = (req.header('Content-Type') or '').split(';')[0].strip().lower()
        if ct != 'application/json':
            self._problem(f'Content-Type {ct!r}, the intake takes application/json')
            return Response(400, {'errors': [{'status': '400', 'title': 'Bad Request'}]})
        try:
            body = json.loads(to_str(req.body()))
        except (ValueError, OSError, EOFError) as exc:
            self._problem(f'body is not JSON: {exc}')
            return Response(400, {'errors': [{'status': '400', 'title': 'Bad Request'}]})
        logs = body if isinstance(body, list) else [body]
        for n, log in enumerate(logs):
            if not isinstance(log, dict):
                self._problem(f'log {n} is not an object')
                return Response(400, {'errors': [{'status': '400', 'title': 'Bad Request'}]})
        for log in logs:
            tags = {}
            for t in str(log.get('ddtags', '')).split(','):
                if t:
                    k, _, v = t.partition(':')
                    tags[k] = v
            meta = {'ddsource': log.get('ddsource'), 'service': log.get('service'), 'ddtags': tags}
            ts = log.get('timestamp')
            self._deliver(log, meta, ts / 1000 if isinstance(ts, (int, float)) else None)
        return Response(202, {})
