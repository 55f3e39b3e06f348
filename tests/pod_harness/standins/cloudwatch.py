"""Amazon CloudWatch Logs stand-in (AWS JSON 1.1 protocol:
POST / with X-Amz-Target: Logs_20140328.<Action>).

Fluent Bit out_cloudwatch_logs: a PutLogEvents answer counts only if it
is 200 *and* carries an x-amzn-RequestId header
(plugins/out_cloudwatch_logs/cloudwatch_api.c, AMZN_REQUEST_ID_HEADER);
errors are read from the JSON '__type' (flb_aws_error)."""

from __future__ import annotations

import json
import threading
import time
import uuid

from .base import HTTPStandIn, Request, Response, json_loads, to_str

CT = 'application/x-amz-json-1.1'


def _resp(body: dict, status: int = 200) -> Response:
    return Response(status, json.dumps(body).encode(),
                    headers={'x-amzn-RequestId': str(uuid.uuid4())}, content_type=CT)


def _err(typ: str, message: str, status: int = 400) -> Response:
    return _resp({'__type': typ, 'message': message}, status)


class CloudWatchStandIn(HTTPStandIn):
    """require_groups: if True, CreateLogStream into a group never created
    with CreateLogGroup answers ResourceNotFoundException (as AWS does when
    the group does not exist). Default False: any group counts as
    pre-provisioned, since a test cannot create one out of band."""

    kind = 'cloudwatch'

    def __init__(self, tls=None, *, require_groups: bool = False):
        super().__init__(tls)
        self.require_groups = require_groups
        self._cw = threading.Lock()
        self.groups: dict[str, dict] = {}            # name -> {'retention': int|None}
        self.streams: dict[tuple[str, str], dict] = {}
        self._seq = 0

    def _group_exists(self, group: str) -> bool:
        return group in self.groups or not self.require_groups

    def handle(self, req: Request) -> Response:
        target = req.header('X-Amz-Target') or ''
        if req.method != 'POST':
            self._problem(f'{req.method} {req.path}: CloudWatch Logs only takes POST')
            return _err('UnknownOperationException', 'only POST', 404)
        if not target.startswith('Logs_20140328.'):
            self._problem(f'missing or bad X-Amz-Target header: {target!r}')
            return _err('UnknownOperationException', f'bad target {target!r}')
        action = target.split('.', 1)[1]
        auth = req.header('Authorization') or ''
        if not auth.startswith('AWS4-HMAC-SHA256 '):
            self._problem(f'{action}: no SigV4 Authorization header')
            return _err('MissingAuthenticationTokenException', 'Missing Authentication Token')
        try:
            body = json_loads(req.body() or b'{}')
            if not isinstance(body, dict):
                raise ValueError('body is not a JSON object')
        except (ValueError, OSError, EOFError) as exc:
            self._problem(f'{action}: malformed JSON body: {exc}')
            return _err('SerializationException', str(exc))
        fn = getattr(self, f'_do_{action}', None)
        if fn is None:
            return _resp({})
        with self._cw:
            return fn(body)

    # -- actions (called with self._cw held) ------------------------------------
    def _do_CreateLogGroup(self, b):
        g = b.get('logGroupName')
        if not g:
            self._problem('CreateLogGroup without logGroupName')
            return _err('InvalidParameterException', 'logGroupName is required')
        if g in self.groups:
            return _err('ResourceAlreadyExistsException', 'The specified log group already exists')
        self.groups[g] = {'retention': None, 'class': b.get('logGroupClass')}
        return _resp({})

    def _do_DeleteLogGroup(self, b):
        self.groups.pop(b.get('logGroupName'), None)
        return _resp({})

    def _do_PutRetentionPolicy(self, b):
        g = b.get('logGroupName')
        days = b.get('retentionInDays')
        allowed = {1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
                   1096, 1827, 2192, 2557, 2922, 3288, 3653}
        if days not in allowed:
            self._problem(f'PutRetentionPolicy: retentionInDays {days!r} not allowed by AWS')
            return _err('InvalidParameterException', f'retentionInDays {days!r} is invalid')
        if not self._group_exists(g):
            return _err('ResourceNotFoundException', 'The specified log group does not exist.')
        self.groups.setdefault(g, {'retention': None})['retention'] = days
        return _resp({})

    def _do_CreateLogStream(self, b):
        g, s = b.get('logGroupName'), b.get('logStreamName')
        if not g or not s:
            self._problem(f'CreateLogStream without logGroupName/logStreamName: {b}')
            return _err('InvalidParameterException', 'logGroupName and logStreamName are required')
        if ':' in s or '*' in s:
            self._problem(f'CreateLogStream: stream name {s!r} has ":" or "*"')
            return _err('InvalidParameterException', 'invalid log stream name')
        if not self._group_exists(g):
            return _err('ResourceNotFoundException', 'The specified log group does not exist.')
        self.groups.setdefault(g, {'retention': None})
        if (g, s) in self.streams:
            return _err('ResourceAlreadyExistsException', 'The specified log stream already exists')
        self.streams[(g, s)] = {'created': int(time.time() * 1000), 'events': 0}
        return _resp({})

    def _do_DescribeLogGroups(self, b):
        prefix = b.get('logGroupNamePrefix') or ''
        return _resp({'logGroups': [
            {'logGroupName': g, 'arn': f'arn:aws:logs:us-east-1:000000000000:log-group:{g}:*',
             'creationTime': 0, 'storedBytes': 0,
             **({'retentionInDays': v['retention']} if v.get('retention') else {})}
            for g, v in sorted(self.groups.items()) if g.startswith(prefix)]})

    def _do_DescribeLogStreams(self, b):
        g = b.get('logGroupName') or b.get('logGroupIdentifier')
        if not self._group_exists(g):
            return _err('ResourceNotFoundException', 'The specified log group does not exist.')
        prefix = b.get('logStreamNamePrefix') or ''
        return _resp({'logStreams': [
            {'logStreamName': s, 'creationTime': v['created'],
             'arn': f'arn:aws:logs:us-east-1:000000000000:log-group:{g}:log-stream:{s}',
             'storedBytes': 0, 'uploadSequenceToken': str(self._seq)}
            for (gg, s), v in sorted(self.streams.items()) if gg == g and s.startswith(prefix)]})

    def _do_PutLogEvents(self, b):
        g, s = b.get('logGroupName'), b.get('logStreamName')
        if (g, s) not in self.streams:
            self._problem(f'PutLogEvents to a stream never created: {g!r}/{s!r}')
            return _err('ResourceNotFoundException', 'The specified log stream does not exist.')
        events = b.get('logEvents')
        if not isinstance(events, list) or not events:
            self._problem(f'PutLogEvents {g}/{s}: logEvents missing or empty')
            return _err('InvalidParameterException', 'logEvents must not be empty')
        if len(events) > 10000:
            self._problem(f'PutLogEvents {g}/{s}: {len(events)} events > 10000')
            return _err('InvalidParameterException', 'too many events')
        stamps = [e.get('timestamp') if isinstance(e, dict) else None for e in events]
        if any(not isinstance(t, int) or isinstance(t, bool) for t in stamps):
            self._problem(f'PutLogEvents {g}/{s}: an event lacks an integer timestamp')
            return _err('InvalidParameterException', 'timestamp required')
        if stamps != sorted(stamps):
            self._problem(f'PutLogEvents {g}/{s}: events not in chronological order')
            return _err('InvalidParameterException',
                        'Log events in a single PutLogEvents request must be in chronological order.')
        if max(stamps) - min(stamps) > 24 * 3600 * 1000:
            self._problem(f'PutLogEvents {g}/{s}: batch spans more than 24 h')
            return _err('InvalidParameterException', 'batch spans more than 24 hours')
        for e in events:
            msg = e.get('message')
            if not isinstance(msg, str) or msg == '':
                self._problem(f'PutLogEvents {g}/{s}: event with empty or non-string message')
                continue
            try:
                rec = json.loads(msg)
                if not isinstance(rec, dict):
                    rec = {'_raw': msg}
            except ValueError:
                rec = {'_raw': to_str(msg)}
            self._deliver(rec, {'group': g, 'stream': s}, e['timestamp'] / 1000.0)
        self.streams[(g, s)]['events'] += len(events)
        self._seq += 1
        return _resp({'nextSequenceToken': f'{self._seq:056d}'})
