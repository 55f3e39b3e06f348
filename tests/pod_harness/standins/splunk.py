"""Splunk HTTP Event Collector stand-in: POST /services/collector/event.

Fluent Bit out_splunk (3.2.10 and 5.1.1) posts to /services/collector/event (splunk.h:25),
with 'Authorization: Splunk <token>' (splunk_conf.c:254) and a body of HEC event objects one
after another ({"time":..,"event":{record},"fields":{..},"host":..,"source":..,...}, no
separator required), gzip with 'compress gzip'. Success is HTTP 200 only (splunk.c:1009 in
5.1.1). Each event becomes a Delivery: its `fields` (indexed fields) merged under the event
map; meta holds host, source, sourcetype and index."""

from __future__ import annotations

import json

from .base import HTTPStandIn, Request, Response, to_str


def hec_events(text: str) -> list:
    """Concatenated JSON values (HEC batches need no separator)."""
    dec, out, pos = json.JSONDecoder(), [], 0
    while True:
        while pos < len(text) and text[pos] in ' \t\r\n':
            pos += 1
        if pos >= len(text):
            return out
        value, pos = dec.raw_decode(text, pos)
        out.append(value)


class SplunkStandIn(HTTPStandIn):
    kind = 'splunk'

    def __init__(self, tls=None, token: str | None = None):
        super().__init__(tls)
        self.token = token  # when set, the only token accepted

    def handle(self, req: Request) -> Response:
        path = req.path.rstrip('/')
        if path == '/services/collector/health':
            return Response(200, {'text': 'HEC is healthy', 'code': 17})
        if path not in ('/services/collector/event', '/services/collector'):
            return Response(404, {'text': 'The requested URL was not found on this server.', 'code': 404})
        auth = req.header('Authorization') or ''
        scheme, _, token = auth.partition(' ')
        if scheme != 'Splunk' or not token.strip():
            return self._bad(401, 2, 'Token is required' if not auth else f'Invalid authorization {auth[:40]!r}')
        if '${' in token or (self.token is not None and token != self.token):
            return self._bad(403, 4, 'Invalid token')
        try:
            events = hec_events(to_str(req.body()))
        except (ValueError, OSError, EOFError) as exc:
            return self._bad(400, 6, f'Invalid data format: {exc}')
        if not events:
            return self._bad(400, 5, 'No data')
        for n, e in enumerate(events):
            if not isinstance(e, dict) or 'event' not in e:
                return self._bad(400, 12, f'Event field is required (event {n})')
            fields = e.get('fields', {})
            if not isinstance(fields, dict) or any(isinstance(v, (dict, list)) and not isinstance(v, list)
                                                   for v in fields.values()):
                return self._bad(400, 15, f'Error in handling indexed fields (event {n})')
        for e in events:
            event = e['event']
            record = dict(e.get('fields', {}))
            record.update(event if isinstance(event, dict) else {'_raw': event})
            meta = {k: e[k] for k in ('host', 'source', 'sourcetype', 'index') if k in e}
            meta['fields'] = dict(e.get('fields', {}))
            t = e.get('time')
            self._deliver(record, meta, float(t) if isinstance(t, (int, float, str)) and str(t).replace('.', '', 1).isdigit() else None)
        return Response(200, {'text': 'Success', 'code': 0})

    def _bad(self, status: int, code: int, text: str) -> Response:
        self._problem(text)
        return Response(status, {'text': text, 'code': code})
