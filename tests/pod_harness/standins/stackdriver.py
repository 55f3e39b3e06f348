"""Google Cloud Logging stand-in (POST /v2/entries:write) with the GCE/GKE metadata server the
agent takes its identity from, as on GKE with Workload Identity.

Fluent Bit out_stackdriver (3.2.10 and 5.1.1) without a key asks the metadata server
(metadata_server; plain HTTP, header Metadata-Flavor: Google, gce_metadata.c) for
project/project-id, instance/zone, instance/id and
instance/service-accounts/default/token, then writes to
<cloud_logging_base_url>/v2/entries:write over TLS (FLB_IO_TLS, stackdriver.c) with
'Authorization: Bearer <token>'. The logging stand-in accepts only the token the metadata
stand-in handed out, and only log names of the metadata server's project.

Deliveries: record = the entry's jsonPayload (textPayload as {'_raw': ...}); meta = log_id
(the part of logName after /logs/), labels, severity (Cloud Logging's name of the number the
plugin sends), resource."""

from __future__ import annotations

import json
import secrets
import urllib.parse

from .base import HTTPStandIn, Request, Response, json_loads

PROJECT = 'harness-project'
# LogSeverity (google/logging/type/log_severity.proto): the plugin packs the number.
SEVERITY = {0: 'DEFAULT', 100: 'DEBUG', 200: 'INFO', 300: 'NOTICE', 400: 'WARNING', 500: 'ERROR',
            600: 'CRITICAL', 700: 'ALERT', 800: 'EMERGENCY'}


def _grpc_error(code: int, status: str, message: str) -> Response:
    return Response(code, {'error': {'code': code, 'message': message, 'status': status}})


class MetadataStandIn(HTTPStandIn):
    """The GCE metadata server as the GKE metadata server answers a Workload Identity pod."""

    kind = 'gce_metadata'

    def __init__(self, tls=None):
        super().__init__(None)  # the metadata server is plain HTTP (169.254.169.254:80)
        self.token = 'ya29.harness-' + secrets.token_hex(8)
        self.tokens_issued = 0

    def handle(self, req: Request) -> Response:
        if req.header('Metadata-Flavor') != 'Google':
            self._problem(f'{req.method} {req.path} without Metadata-Flavor: Google (the server refuses it)')
            return Response(403, b'Missing Metadata-Flavor:Google header.\n', content_type='text/plain')
        if req.method != 'GET':
            return Response(405, b'method not allowed\n', content_type='text/plain')
        p = req.path
        text = {'/computeMetadata/v1/project/project-id': PROJECT,
                '/computeMetadata/v1/instance/zone': 'projects/123456789012/zones/us-central1-a',
                '/computeMetadata/v1/instance/id': '1234567890123456789'}.get(p)
        if text is not None:
            return Response(200, text.encode(), content_type='application/text',
                            headers={'Metadata-Flavor': 'Google'})
        prefix = '/computeMetadata/v1/instance/service-accounts/'
        if p.startswith(prefix) and p.endswith('/token'):
            account = p[len(prefix):-len('/token')]
            if account != 'default':
                self._problem(f'token asked for account {account!r}; Workload Identity serves "default"')
            with self._lock:
                self.tokens_issued += 1
            return Response(200, {'access_token': self.token, 'expires_in': 3599, 'token_type': 'Bearer'},
                            headers={'Metadata-Flavor': 'Google'})
        return Response(404, b'not found\n', content_type='text/plain')


class StackdriverStandIn(HTTPStandIn):
    kind = 'stackdriver'

    def __init__(self, tls=None):
        super().__init__(tls)
        self.metadata = MetadataStandIn()

    def start(self):
        self.metadata.start()
        return super().start()

    def stop(self):
        self.metadata.stop()
        super().stop()

    @property
    def metadata_url(self) -> str:
        return self.metadata.url

    def problems(self):
        return super().problems() + self.metadata.problems()

    def handle(self, req: Request) -> Response:
        if req.path != '/v2/entries:write':
            return _grpc_error(404, 'NOT_FOUND', f'no such method {req.path}')
        if req.method != 'POST':
            return _grpc_error(405, 'INVALID_ARGUMENT', 'entries:write takes POST')
        auth = req.header('Authorization') or ''
        if auth != f'Bearer {self.metadata.token}':
            self._problem(f'entries:write with Authorization {auth[:40]!r}, not the metadata server\'s token')
            return _grpc_error(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.')
        try:
            body = json_loads(req.body())
        except (ValueError, OSError, EOFError) as exc:
            self._problem(f'entries:write: body is not JSON: {exc}')
            return _grpc_error(400, 'INVALID_ARGUMENT', str(exc))
        entries = body.get('entries') if isinstance(body, dict) else None
        if not isinstance(entries, list) or not entries:
            self._problem('entries:write without entries')
            return _grpc_error(400, 'INVALID_ARGUMENT', 'entries is required')
        for e in entries:
            self._entry(e)
        return Response(200, {})

    def _entry(self, e):
        log_name = e.get('logName', '')
        prefix = f'projects/{PROJECT}/logs/'
        if not log_name.startswith(prefix):
            self._problem(f'logName {log_name!r} is not under {prefix}')
            return
        log_id = urllib.parse.unquote(log_name[len(prefix):])
        resource = e.get('resource') or {}
        if resource.get('type') == 'global' and (resource.get('labels') or {}).get('project_id') != PROJECT:
            self._problem(f'global resource without project_id {PROJECT}: {resource}')
        meta = {'log_id': log_id, 'resource': resource.get('type')}
        if 'labels' in e:
            labels = e['labels']
            if not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values()):
                self._problem(f'labels must map strings to strings: {labels!r}')
            else:
                meta['labels'] = labels
        if 'severity' in e:
            sev = e['severity']
            name = SEVERITY.get(sev) if isinstance(sev, int) else (sev if sev in SEVERITY.values() else None)
            if name is None:
                self._problem(f'severity {sev!r} is not a LogSeverity')
            meta['severity'] = name
        if isinstance(e.get('jsonPayload'), dict):
            record = e['jsonPayload']
        elif isinstance(e.get('textPayload'), str):
            record = {'_raw': e['textPayload']}
        else:
            self._problem(f'entry without jsonPayload or textPayload: {json.dumps(e)[:200]}')
            return
        self._deliver(record, meta)
