"""Amazon Data Firehose stand-in (AWS JSON 1.1: POST / with
X-Amz-Target: Firehose_20150804.PutRecordBatch).

Fluent Bit out_kinesis_firehose (3.2.10 and 5.1.1, firehose_api.c) sends
{"DeliveryStreamName": ..., "Records": [{"Data": <base64 of one JSON record and a newline>}]},
signed with SigV4 for service "firehose". The stand-in checks the signature against the
credentials it is given (the harness's AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY), the batch
limits AWS enforces (500 records, 4 MiB, 1,000 KiB a record) and answers like Firehose
(FailedPutCount, RequestResponses; a request id header, which the AWS client reads).

Deliveries: record = the decoded JSON; meta = stream."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import urllib.parse
import uuid

from .base import HTTPStandIn, Request, Response, to_str

CT = 'application/x-amz-json-1.1'
TARGET = 'Firehose_20150804.PutRecordBatch'


def _resp(body: dict, status: int = 200) -> Response:
    return Response(status, json.dumps(body).encode(), headers={'x-amzn-RequestId': str(uuid.uuid4())},
                    content_type=CT)


def _err(typ: str, message: str, status: int = 400) -> Response:
    return _resp({'__type': typ, 'message': message}, status)


def _hmac(key: bytes, msg: str) -> bytes:
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


def sigv4_signature(secret: str, method: str, path: str, query: str, headers: dict, signed: list[str],
                    body: bytes, amz_date: str, scope: str) -> str:
    """The SigV4 signature (AWS General Reference, 'Create a signed AWS API request')."""
    canonical_query = '&'.join(sorted(query.split('&'))) if query else ''
    canonical_headers = ''.join(f'{h}:{" ".join(str(headers.get(h, "")).split())}\n' for h in signed)
    payload = headers.get('x-amz-content-sha256') or hashlib.sha256(body).hexdigest()
    canonical = '\n'.join([method, urllib.parse.quote(path or '/', safe='/~'), canonical_query, canonical_headers,
                           ';'.join(signed), payload])
    to_sign = '\n'.join(['AWS4-HMAC-SHA256', amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    date, region, service, _ = scope.split('/')
    key = _hmac(_hmac(_hmac(_hmac(('AWS4' + secret).encode(), date), region), service), 'aws4_request')
    return hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()


class FirehoseStandIn(HTTPStandIn):
    kind = 'kinesis_firehose'

    def __init__(self, tls=None, *, access_key: str = 'AKIAHARNESS', secret_key: str = 'harness-secret'):
        super().__init__(tls)
        self.access_key, self.secret_key = access_key, secret_key

    def _check_signature(self, req: Request) -> str | None:
        auth = req.header('Authorization') or ''
        if not auth.startswith('AWS4-HMAC-SHA256 '):
            return 'no SigV4 Authorization header'
        fields = dict(p.strip().split('=', 1) for p in auth[len('AWS4-HMAC-SHA256 '):].split(',') if '=' in p)
        cred = fields.get('Credential', '').split('/')
        if len(cred) != 5 or cred[3] != 'firehose' or cred[4] != 'aws4_request':
            return f'credential scope {fields.get("Credential")!r} is not <key>/<date>/<region>/firehose/aws4_request'
        if cred[0] != self.access_key:
            return f'signed with access key {cred[0]!r}, not {self.access_key!r}'
        amz_date = req.header('x-amz-date') or ''
        if not amz_date.startswith(cred[1]):
            return f'x-amz-date {amz_date!r} does not match the scope date {cred[1]}'
        signed = fields.get('SignedHeaders', '').split(';')
        if 'host' not in signed:
            return f'SignedHeaders {signed} lack host'
        headers = {k.lower(): v for k, v in req.headers.items()}
        want = sigv4_signature(self.secret_key, req.method, req.raw_path, req.query_string, headers, signed,
                               req.raw_body, amz_date, '/'.join(cred[1:]))
        if not hmac.compare_digest(want, fields.get('Signature', '')):
            return 'SigV4 signature does not match the request'
        return None

    def handle(self, req: Request) -> Response:
        target = req.header('X-Amz-Target') or ''
        if req.method != 'POST' or target != TARGET:
            self._problem(f'{req.method} {req.path} with X-Amz-Target {target!r}: expected POST {TARGET}')
            return _err('UnknownOperationException', f'bad target {target!r}')
        bad = self._check_signature(req)
        if bad:
            self._problem(f'PutRecordBatch: {bad}')
            return _err('InvalidSignatureException', bad, 403)
        if len(req.raw_body) > 4 * 1024 * 1024:
            self._problem(f'PutRecordBatch of {len(req.raw_body)} bytes > 4 MiB')
            return _err('InvalidArgumentException', 'request too large')
        try:
            body = json.loads(to_str(req.body()))
        except (ValueError, OSError, EOFError) as exc:
            self._problem(f'PutRecordBatch: body is not JSON: {exc}')
            return _err('SerializationException', str(exc))
        stream, records = body.get('DeliveryStreamName'), body.get('Records')
        if not stream or not isinstance(records, list) or not records:
            self._problem(f'PutRecordBatch without DeliveryStreamName or Records: {str(body)[:200]}')
            return _err('InvalidArgumentException', 'DeliveryStreamName and Records are required')
        if len(records) > 500:
            self._problem(f'PutRecordBatch with {len(records)} records > 500')
            return _err('InvalidArgumentException', 'too many records')
        for r in records:
            try:
                data = base64.b64decode(r['Data'], validate=True)
            except (KeyError, TypeError, binascii.Error) as exc:
                self._problem(f'record without base64 Data: {exc}')
                continue
            if len(data) > 1000 * 1024:
                self._problem(f'record of {len(data)} bytes > 1,000 KiB')
            text = to_str(data)
            try:
                rec = json.loads(text)
            except ValueError:
                rec = {'_raw': text}
            self._deliver(rec, {'stream': stream})
        return _resp({'FailedPutCount': 0, 'Encrypted': False,
                      'RequestResponses': [{'RecordId': uuid.uuid4().hex} for _ in records]})
