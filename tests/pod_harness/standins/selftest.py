"""Self-test of the stand-ins.

Run from tests/pod_harness:  python3 -m standins.selftest [--no-engines] [-v]

1. Crafted requests, shaped the way the real clients send them (see the
   module docstrings for the client source they follow), for every stand-in.
2. If a real Fluent Bit is found (as the pods tests find it: RAYLOG_FLUENT_BIT, fluent-bit-<version>
   on PATH; or $FLUENT_BIT_BINS as a ':'-separated list), run it with a tail input and
   one output per stand-in, append 3 lines and check each arrives exactly
   once everywhere, with no problems. Fluent Bit >= 5.0.5 defaults
   Retain_Metadata_In_Forward_Mode to true: the default forward output is
   then expected to be flagged as 'Fluentd would reject'; a second forward
   output with the option false must be clean.
3. If Fluentd is found ($FLUENTD_BIN, else RAYLOG_FLUENTD or fluentd on PATH),
   run it with out_forward (require_ack_response), out_elasticsearch and
   out_stdout and check the same.
Exit status 0 when everything passed.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import http.client
import json
import os
import re
import shutil
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
import time
import traceback
import uuid

import msgpack

from . import STANDINS, Delivery, StandIn, standin_for
from .forward import EventTime, pack
from .snappy import compress_literal, pb_field
from .stdout import parse_fluent_bit_stdout, parse_fluentd_stdout
from .tlsutil import self_signed

SIGV4 = ('AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260105/us-east-1/{svc}/aws4_request, '
         'SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=' + '0' * 64)
AZURITE_KEY = ('Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/'
               'K1SZFPTOtr/KBHBeksoGMGw==')
VERBOSE = False


def log(*a):
    print(*a, flush=True)


def call(si: StandIn, method: str, path: str, body: bytes | str = b'', headers: dict | None = None,
         ctx: ssl.SSLContext | None = None):
    if isinstance(body, str):
        body = body.encode()
    if ctx is not None:
        conn = http.client.HTTPSConnection('127.0.0.1', si.port, timeout=10, context=ctx)
    else:
        conn = http.client.HTTPConnection('127.0.0.1', si.port, timeout=10)
    h = {'Content-Length': str(len(body))}
    h.update(headers or {})
    conn.request(method, path, body=body, headers=h)
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, data


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def wait_for(cond, timeout: float = 5.0) -> bool:
    end = time.time() + timeout
    while time.time() < end:
        if cond():
            return True
        time.sleep(0.05)
    return cond()


def records(si: StandIn) -> list[dict]:
    return [d.record for d in si.deliveries()]


# ---------------------------------------------------------------------------
# crafted requests

def t_s3():
    with standin_for('s3')() as si:
        lines = b''.join(json.dumps({'date': 1767607200.5 + i, 'log': f'l{i}'}).encode() + b'\n' for i in range(3))
        # Fluent Bit: PUT /<bucket><key>, key from s3_key_format + '-object<rand>'
        auth = {'Authorization': SIGV4.format(svc='s3'), 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
                'Host': f'127.0.0.1:{si.port}'}
        st, h, _ = call(si, 'PUT', '/logs/fluent-bit-logs/ray/2026/01/05/10/00/00-objectAbCd1234', lines, auth)
        check(st == 200 and h.get('etag', '').startswith('"'), f'PutObject answered {st} {h}')
        # gzip, Content-Encoding header
        st, _, _ = call(si, 'PUT', '/logs/k2.gz', gzip.compress(lines), {**auth, 'Content-Encoding': 'gzip'})
        check(st == 200, f'gzip PutObject {st}')
        # virtual-host style (AWS SDK default)
        st, _, _ = call(si, 'PUT', '/vkey.json', lines, {**auth, 'Host': 'vbucket.s3.us-east-1.amazonaws.com'})
        check(st == 200, f'vhost PutObject {st}')
        # multipart (s3_multipart.c): POST ?uploads=, PUT ?partNumber&uploadId, POST ?uploadId
        st, _, body = call(si, 'POST', '/logs/mp-key?uploads=', b'', auth)
        upload_id = re.search(rb'<UploadId>(.*?)</UploadId>', body).group(1).decode()
        etags = []
        for n, part in enumerate([lines[:30], lines[30:]], 1):
            st, h, _ = call(si, 'PUT', f'/logs/mp-key?partNumber={n}&uploadId={upload_id}', part, auth)
            check(st == 200 and 'etag' in h, f'UploadPart {st} {h}')
            etags.append(h['etag'])
        xml = ('<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
               ''.join(f'<Part><ETag>{e}</ETag><PartNumber>{i}</PartNumber></Part>' for i, e in enumerate(etags, 1)) +
               '</CompleteMultipartUpload>')
        st, _, body = call(si, 'POST', f'/logs/mp-key?uploadId={upload_id}', xml, auth)
        check(st == 200 and b'CompleteMultipartUploadResult' in body, f'Complete {st} {body[:200]}')
        # HEAD of an unknown key is 404 (fluent-plugin-s3 loops on existing keys)
        st, _, _ = call(si, 'HEAD', '/logs/nope', b'', auth)
        check(st == 404, f'HEAD unknown key {st}')
        ds = si.deliveries()
        check(len(ds) == 12, f'expected 12 deliveries, got {len(ds)}')
        metas = {(d.meta['bucket'], d.meta['key']) for d in ds}
        check(metas == {('logs', 'fluent-bit-logs/ray/2026/01/05/10/00/00-objectAbCd1234'), ('logs', 'k2.gz'),
                        ('vbucket', 'vkey.json'), ('logs', 'mp-key')}, f'metas {metas}')
        check(all(d.backend == 's3' and 'date' in d.record for d in ds), 'records')
        check(si.problems() == [], f'problems {si.problems()}')
        # anonymous write is a problem
        st, _, _ = call(si, 'PUT', '/logs/anon', lines)
        check(st == 403 and any('Authorization' in p for p in si.problems()), 'anonymous PUT')


def cw_call(si, action, body, auth=True):
    h = {'X-Amz-Target': f'Logs_20140328.{action}', 'Content-Type': 'application/x-amz-json-1.1'}
    if auth:
        h['Authorization'] = SIGV4.format(svc='logs')
    st, hd, data = call(si, 'POST', '/', json.dumps(body), h)
    return st, hd, json.loads(data or b'{}')


def t_cloudwatch():
    with standin_for('cloudwatch')() as si:
        st, h, b = cw_call(si, 'CreateLogGroup', {'logGroupName': 'g'})
        check(st == 200 and 'x-amzn-requestid' in h, f'CreateLogGroup {st} {h}')
        st, _, b = cw_call(si, 'CreateLogGroup', {'logGroupName': 'g'})
        check(st == 400 and b.get('__type') == 'ResourceAlreadyExistsException', f'repeat group {st} {b}')
        st, _, _ = cw_call(si, 'PutRetentionPolicy', {'logGroupName': 'g', 'retentionInDays': 7})
        check(st == 200, 'PutRetentionPolicy')
        st, _, _ = cw_call(si, 'CreateLogStream', {'logGroupName': 'g', 'logStreamName': 's'})
        check(st == 200, 'CreateLogStream')
        st, _, b = cw_call(si, 'CreateLogStream', {'logGroupName': 'g', 'logStreamName': 's'})
        check(st == 400 and b['__type'] == 'ResourceAlreadyExistsException', f'repeat stream {b}')
        st, _, b = cw_call(si, 'DescribeLogStreams', {'logGroupName': 'g', 'logStreamNamePrefix': 's'})
        check([s['logStreamName'] for s in b['logStreams']] == ['s'], f'Describe {b}')
        ev = [{'timestamp': 1767607200000 + i, 'message': json.dumps({'log': f'l{i}'})} for i in range(3)]
        st, h, b = cw_call(si, 'PutLogEvents', {'logGroupName': 'g', 'logStreamName': 's', 'logEvents': ev})
        check(st == 200 and 'nextSequenceToken' in b and 'x-amzn-requestid' in h, f'PutLogEvents {st} {b}')
        check(records(si) == [{'log': 'l0'}, {'log': 'l1'}, {'log': 'l2'}], f'records {records(si)}')
        check(si.deliveries()[0].meta == {'group': 'g', 'stream': 's'}, 'meta')
        check(si.problems() == [], f'problems {si.problems()}')
        st, _, b = cw_call(si, 'PutLogEvents', {'logGroupName': 'g', 'logStreamName': 'nope', 'logEvents': ev})
        check(st == 400 and any('never created' in p for p in si.problems()), 'unknown stream')
        si.reset()
        st, _, b = cw_call(si, 'CreateLogGroup', {'logGroupName': 'g2'}, auth=False)
        check(st == 400 and si.problems(), 'no auth')
    with standin_for('cloudwatch')(require_groups=True) as si:
        st, _, b = cw_call(si, 'CreateLogStream', {'logGroupName': 'x', 'logStreamName': 's'})
        check(st == 400 and b['__type'] == 'ResourceNotFoundException', f'require_groups {b}')


def t_stackdriver():
    with standin_for('stackdriver')() as si:
        md = si.metadata
        # The metadata server: only with Metadata-Flavor: Google, as GKE's.
        st, _, _ = call(md, 'GET', '/computeMetadata/v1/project/project-id')
        check(st == 403 and si.problems(), f'metadata without flavor {st}')
        si.metadata.reset()
        flavor = {'Metadata-Flavor': 'Google'}
        st, _, project = call(md, 'GET', '/computeMetadata/v1/project/project-id', headers=flavor)
        check(st == 200 and project == b'harness-project', f'project {st} {project}')
        st, _, tok = call(md, 'GET', '/computeMetadata/v1/instance/service-accounts/default/token', headers=flavor)
        token = json.loads(tok)
        check(st == 200 and token['token_type'] == 'Bearer' and token['access_token'], f'token {tok}')
        entry = {'logName': 'projects/harness-project/logs/c1', 'resource': {'type': 'global',
                 'labels': {'project_id': 'harness-project'}}, 'severity': 400,
                 'labels': {'pod': 'p1'}, 'jsonPayload': {'message': 'm'}}
        body = json.dumps({'entries': [entry]})
        st, _, _ = call(si, 'POST', '/v2/entries:write', body, {'Authorization': 'Bearer wrong'})
        check(st == 401 and si.problems() and not si.deliveries(), f'wrong token {st}')
        si.reset()
        st, _, _ = call(si, 'POST', '/v2/entries:write', body, {'Authorization': 'Bearer ' + token['access_token']})
        check(st == 200 and si.problems() == [], f'write {st} {si.problems()}')
        check(si.deliveries()[0].meta == {'log_id': 'c1', 'resource': 'global', 'labels': {'pod': 'p1'},
                                          'severity': 'WARNING'}, f'meta {si.deliveries()[0].meta}')
        check(records(si) == [{'message': 'm'}], f'records {records(si)}')
        si.reset()
        st, _, _ = call(si, 'POST', '/v2/entries:write', json.dumps({'entries': [dict(entry, logName='projects/other/logs/x')]}),
                        {'Authorization': 'Bearer ' + token['access_token']})
        check(si.problems() and not si.deliveries(), 'another project\'s log name')


def t_firehose():
    from .firehose import sigv4_signature
    with standin_for('kinesis_firehose')() as si:
        body = json.dumps({'DeliveryStreamName': 'ray-logs', 'Records': [
            {'Data': base64.b64encode(json.dumps({'log': f'l{i}'}).encode() + b'\n').decode()} for i in range(2)]})
        amz_date, date = '20260105T100000Z', '20260105'
        headers = {'host': f'127.0.0.1:{si.port}', 'x-amz-date': amz_date,
                   'x-amz-target': 'Firehose_20150804.PutRecordBatch', 'content-type': 'application/x-amz-json-1.1'}
        signed = sorted(headers)
        scope = f'{date}/us-west-2/firehose/aws4_request'

        def put(secret='harness-secret'):
            sig = sigv4_signature(secret, 'POST', '/', '', headers, signed, body.encode(), amz_date, scope)
            auth = (f'AWS4-HMAC-SHA256 Credential=AKIAHARNESS/{scope}, SignedHeaders={";".join(signed)}, '
                    f'Signature={sig}')
            h = {k: v for k, v in headers.items() if k != 'host'}
            return call(si, 'POST', '/', body, dict(h, Authorization=auth))

        st, h, data = put()
        b = json.loads(data)
        check(st == 200 and b['FailedPutCount'] == 0 and len(b['RequestResponses']) == 2
              and 'x-amzn-requestid' in h, f'PutRecordBatch {st} {data}')
        check(records(si) == [{'log': 'l0'}, {'log': 'l1'}] and si.deliveries()[0].meta == {'stream': 'ray-logs'},
              f'records {records(si)}')
        check(si.problems() == [], f'problems {si.problems()}')
        si.reset()
        st, _, _ = put('another-secret')
        check(st == 403 and any('signature' in p for p in si.problems()) and not si.deliveries(), 'bad signature')


def t_search(kind):
    with standin_for(kind)() as si:
        st, h, b = call(si, 'GET', '/')
        info = json.loads(b)
        if kind == 'elasticsearch':
            check(h.get('x-elastic-product') == 'Elasticsearch', f'product header {h}')
            check(info['version']['number'].startswith('8.') and info['version']['build_flavor'] == 'default'
                  and info['tagline'] == 'You Know, for Search', f'info {info}')
        else:
            check(info['version']['distribution'] == 'opensearch' and info['version']['number'].startswith('2.'),
                  f'info {info}')
        nd = b''
        for i in range(3):
            op = 'create' if i == 2 else 'index'
            nd += json.dumps({op: {'_index': 'fluent-bit'}}).encode() + b'\n'
            nd += json.dumps({'@timestamp': '2026-01-05T10:00:00.000Z', 'log': f'l{i}'}).encode() + b'\n'
        st, _, b = call(si, 'POST', '/_bulk', nd, {'Content-Type': 'application/x-ndjson'})
        check(st == 200 and b'"errors":false,"items":[' in b, f'bulk answer {st} {b[:200]}')
        items = json.loads(b)['items']
        check([list(it)[0] for it in items] == ['index', 'index', 'create'] and
              all(list(it.values())[0]['status'] == 201 for it in items), f'items {items}')
        st, _, b = call(si, 'POST', '/other/_bulk', gzip.compress(b'{"index":{}}\n{"log":"g"}\n'),
                        {'Content-Encoding': 'gzip', 'Content-Type': 'application/x-ndjson'})
        check(st == 200, f'gzip bulk {st}')
        ds = si.deliveries()
        check([d.record['log'] for d in ds] == ['l0', 'l1', 'l2', 'g'], f'records {ds}')
        check([d.meta for d in ds] == [{'index': 'fluent-bit'}] * 3 + [{'index': 'other'}], 'metas')
        st, _, _ = call(si, 'HEAD', '/_index_template/x')
        check(st == 200, 'HEAD template')
        check(si.problems() == [], f'problems {si.problems()}')
        st, _, _ = call(si, 'POST', '/_bulk', b'{"index":{"_index":"a","_type":"_doc"}}\n{"a":1}\n')
        check(st == 400 and any('_type' in p for p in si.problems()), '_type')


def t_loki():
    with standin_for('loki')() as si:
        body = {'streams': [{'stream': {'job': 'x'}, 'values': [
            ['1767607200000000000', json.dumps({'log': 'l0'})], ['1767607200000000001', json.dumps({'log': 'l1'})]]}]}
        st, _, _ = call(si, 'POST', '/loki/api/v1/push', json.dumps(body), {'Content-Type': 'application/json'})
        check(st == 204, f'push {st}')
        st, _, _ = call(si, 'POST', '/loki/api/v1/push', gzip.compress(json.dumps(body).encode()),
                        {'Content-Type': 'application/json', 'Content-Encoding': 'gzip'})
        check(st == 204, f'gzip push {st}')
        ts = pb_field(1, 1767607200) + pb_field(2, 5)
        entry = pb_field(1, ts) + pb_field(2, json.dumps({'log': 'pb'}).encode())
        stream = pb_field(1, b'{job="y", app="r"}') + pb_field(2, entry)
        st, _, _ = call(si, 'POST', '/loki/api/v1/push', compress_literal(pb_field(1, stream)),
                        {'Content-Type': 'application/x-protobuf'})
        check(st == 204, f'protobuf push {st}')
        ds = si.deliveries()
        check([d.record for d in ds] == [{'log': 'l0'}, {'log': 'l1'}] * 2 + [{'log': 'pb'}], f'records {ds}')
        check(ds[0].meta == {'labels': {'job': 'x'}} and ds[-1].meta == {'labels': {'job': 'y', 'app': 'r'}}, 'meta')
        check(si.problems() == [], f'problems {si.problems()}')
        st, _, _ = call(si, 'POST', '/loki/api/v1/push', json.dumps({'streams': [{'stream': {}, 'values': [
            ['1', 'a']]}]}), {'Content-Type': 'application/json'})
        check(st == 400 and si.problems(), 'no labels')


def t_azure():
    with standin_for('azure_blob')() as si:
        def h(extra=None):
            d = {'x-ms-date': 'Mon, 05 Jan 2026 10:00:00 GMT', 'x-ms-version': '2019-12-12',
                 'Authorization': 'SharedKey devstoreaccount1:c2lnbmF0dXJl'}
            d.update(extra or {})
            return d
        lines = b''.join(json.dumps({'@timestamp': '2026-01-05T10:00:00Z', 'log': f'l{i}'}).encode() + b'\n'
                         for i in range(3))
        # Fluent Bit with endpoint, emulator_mode off: /<container>...
        st, _, _ = call(si, 'GET', '/logs?restype=container', b'', h())
        check(st == 404, f'GET missing container {st}')
        st, _, _ = call(si, 'PUT', '/logs?restype=container', b'', h())
        check(st == 201, f'create container {st}')
        st, _, _ = call(si, 'PUT', '/logs/ray?comp=appendblock', lines, h({'Content-Type': 'application/json'}))
        check(st == 404, f'append to missing blob {st}')
        st, _, _ = call(si, 'PUT', '/logs/ray', b'', h({'x-ms-blob-type': 'AppendBlob'}))
        check(st == 201, f'create append blob {st}')
        st, hd, _ = call(si, 'PUT', '/logs/ray?comp=appendblock', lines, h({'Content-Type': 'application/json'}))
        check(st == 201 and 'x-ms-blob-append-offset' in hd, f'append {st}')
        # emulator_mode: /<account>/<container>/...; gzip content encoding
        st, _, _ = call(si, 'PUT', '/devstoreaccount1/emu?restype=container', b'', h())
        st, _, _ = call(si, 'PUT', '/devstoreaccount1/emu/p/ray', b'', h({'x-ms-blob-type': 'AppendBlob'}))
        st, _, _ = call(si, 'PUT', '/devstoreaccount1/emu/p/ray?comp=appendblock', gzip.compress(lines),
                        h({'Content-Encoding': 'gzip'}))
        check(st == 201, f'emulator append {st}')
        # block blob: PUT ?blockid=..&comp=block, then ?comp=blocklist
        bid = base64.b64encode(b'flb-1.id').decode()
        st, _, _ = call(si, 'PUT', f'/logs/ray.abc.123?blockid={bid}&comp=block', lines, h())
        check(st == 201, f'put block {st}')
        st, _, _ = call(si, 'PUT', '/logs/ray.abc.123?comp=blocklist',
                        f'<?xml version="1.0" encoding="utf-8"?><BlockList><Latest>{bid}</Latest></BlockList>', h())
        check(st == 201, f'commit {st}')
        ds = si.deliveries()
        check(len(ds) == 9 and all(d.record['log'] in ('l0', 'l1', 'l2') for d in ds), f'records {ds}')
        check(ds[0].meta == {'account': 'devstoreaccount1', 'container': 'logs', 'blob': 'ray'}, f'meta {ds[0].meta}')
        check(ds[3].meta == {'account': 'devstoreaccount1', 'container': 'emu', 'blob': 'p/ray'}, f'meta {ds[3].meta}')
        check(ds[6].meta['blob'] == 'ray.abc.123', 'block blob meta')
        check(si.problems() == [], f'problems {si.problems()}')
        st, _, _ = call(si, 'PUT', '/logs/ray?comp=appendblock', lines)
        check(st == 403 and si.problems(), 'no auth')


def fwd_send(si, *msgs, want_reply=False, raw: bytes | None = None):
    """Send messages on a new connection; return once the stand-in has
    handled them (separate connections are served by separate threads)."""
    before = si.requests
    s = socket.create_connection(('127.0.0.1', si.port), timeout=5)
    s.sendall(raw if raw is not None else b''.join(pack(m) for m in msgs))
    reply = None
    if want_reply:
        up = msgpack.Unpacker(raw=False)
        while reply is None:
            up.feed(s.recv(4096))
            for reply in up:
                break
    s.close()
    if raw is None:
        wait_for(lambda: si.requests >= before + len(msgs))
    return reply


def t_forward():
    with standin_for('forward')() as si:
        et = EventTime(1767607200, 123)
        # Message mode
        fwd_send(si, ['ray', 1767607200, {'log': 'm'}])
        # Forward mode, EventTime
        fwd_send(si, ['ray', [[et, {'log': 'f0'}], [et, {'log': 'f1'}]]])
        # PackedForward (bin) with chunk -> ack must be a str
        packed = pack([et, {'log': 'p0'}]) + pack([1767607201, {'log': 'p1'}])
        reply = fwd_send(si, ['ray', packed, {'chunk': 'abc123', 'size': 2}], want_reply=True)
        check(reply == {'ack': 'abc123'}, f'ack {reply}')
        # the ack value is a msgpack str (Fluent Bit checks MSGPACK_OBJECT_STR)
        s = socket.create_connection(('127.0.0.1', si.port), timeout=5)
        s.sendall(pack(['ray', [[et, {'log': 'a'}]], {'chunk': 'xyz'}]))
        raw_reply = s.recv(100)
        s.close()
        check(raw_reply == pack({'ack': 'xyz'}) and raw_reply[5] & 0xE0 == 0xA0, f'raw ack {raw_reply!r}')
        # CompressedPackedForward
        fwd_send(si, ['ray', gzip.compress(packed), {'compressed': 'gzip', 'size': 2}])
        # heartbeat (nil), invalid utf-8 bytes in a record
        fwd_send(si, None, ['ray', [[et, {'log': b'\xffbin'}]]])
        wait_for(lambda: len(si.deliveries()) >= 9)
        logs = [d.record['log'] for d in si.deliveries()]
        check(logs == ['m', 'f0', 'f1', 'p0', 'p1', 'a', 'p0', 'p1', '\udcffbin'], f'records {logs}')
        check(all(d.meta == {'tag': 'ray'} for d in si.deliveries()), 'meta')
        check(abs(si.deliveries()[1].time - 1767607200.000000123) < 1e-6, 'EventTime')
        check(si.problems() == [], f'problems {si.problems()}')
        # Fluent Bit >= 5.0.5 with Retain_Metadata_In_Forward_Mode: [[time, {metadata}], record]
        n = len(si.deliveries())
        fwd_send(si, ['ray', [[[et, {}], {'log': 'meta'}]]])
        fwd_send(si, ['ray', [[1.5, {'log': 'float'}]]])
        wait_for(lambda: len(si.problems()) >= 2)
        time.sleep(0.2)
        check(len(si.deliveries()) == n, 'rejected entries must not be delivered')
        probs = si.problems()
        check(any('Fluentd would reject: entry time is array' in p for p in probs), f'array time: {probs}')
        check(any('entry time is float' in p for p in probs), f'float time: {probs}')


def t_stdout():
    fb = ('[2026/01/05 10:00:00] [ info] [output:stdout:stdout.0] worker #0 started\n'
          '{"date":1767607200.123,"log":"a"}\n{"date":1767607201.0,"log":"b"}\nnot json\n')
    ds = parse_fluent_bit_stdout(fb, 'json_lines')
    check([d.record['log'] for d in ds] == ['a', 'b'] and ds[0].time == 1767607200.123, f'fb {ds}')
    fd = ('2026-01-05 10:00:00 +0000 [info]: #0 fluentd worker is now running worker=0\n'
          '2026-01-05 10:00:00.123456789 +0000 ray: {"log":"x: y"}\n'
          '2026-01-05 10:00:01.000000000 +0000 ray.other: {"log":"z"}\n'
          '{"log":"bare"}\n')
    ds = parse_fluentd_stdout(fd)
    check([(d.record, d.meta) for d in ds] == [({'log': 'x: y'}, {'tag': 'ray'}),
                                               ({'log': 'z'}, {'tag': 'ray.other'}),
                                               ({'log': 'bare'}, {'tag': None})], f'fluentd {ds}')
    check(abs(ds[0].time - 1767607200.123456789) < 1e-5, 'fluentd time')


def make_tls(tmp) -> tuple[ssl.SSLContext, ssl.SSLContext, str] | None:
    try:
        server, crt = self_signed(tmp)
    except (RuntimeError, subprocess.CalledProcessError):
        return None
    return server, ssl.create_default_context(cafile=crt), crt


def t_tls():
    with tempfile.TemporaryDirectory() as tmp:
        ctxs = make_tls(tmp)
        if ctxs is None:
            log('  (skipped: no openssl)')
            return
        server, client, _crt = ctxs
        with standin_for('loki')(tls=server) as si:
            body = json.dumps({'streams': [{'stream': {'job': 'x'}, 'values': [['1', '{"log":"t"}']]}]})
            st, _, _ = call(si, 'POST', '/loki/api/v1/push', body, {'Content-Type': 'application/json'}, ctx=client)
            check(st == 204 and records(si) == [{'log': 't'}], f'https push {st}')
        with standin_for('forward')(tls=server) as si:
            s = client.wrap_socket(socket.create_connection(('127.0.0.1', si.port), timeout=5),
                                   server_hostname='127.0.0.1')
            s.sendall(pack(['ray', [[1767607200, {'log': 't'}]], {'chunk': 'c'}]))
            check(msgpack.unpackb(s.recv(100)) == {'ack': 'c'}, 'tls ack')
            s.close()
            check(records(si) == [{'log': 't'}], 'tls forward')
        # protocol mismatch either way is a problem (the real service fails too)
        with standin_for('cloudwatch')() as si:
            try:
                call(si, 'POST', '/', b'{}', ctx=client)
            except (ssl.SSLError, OSError, http.client.HTTPException):
                pass
            check(any('TLS handshake on a plain' in p for p in si.problems()), f'tls->plain {si.problems()}')
        with standin_for('cloudwatch')(tls=server) as si:
            try:
                call(si, 'POST', '/', b'{}')
            except (OSError, http.client.HTTPException):
                pass
            check(any('plain text to a TLS' in p for p in si.problems()), f'plain->tls {si.problems()}')


def _otlp_any(v) -> bytes:
    if isinstance(v, str):
        return pb_field(1, v.encode())
    if isinstance(v, dict):
        return pb_field(6, b''.join(pb_field(1, _otlp_kv(k, x)) for k, x in v.items()))
    return pb_field(3, v)


def _otlp_kv(k, v) -> bytes:
    return pb_field(1, k.encode()) + pb_field(2, _otlp_any(v))


def t_opentelemetry():
    # ExportLogsServiceRequest{resource_logs[ResourceLogs{resource{attributes}, scope_logs[
    # ScopeLogs{log_records[LogRecord{time(fixed64) 1, body 5, attributes 6}]}]}]}
    resource = b''.join(pb_field(1, _otlp_kv(k, v)) for k, v in {'pod': 'p1', 'ray_cluster': 'c'}.items())
    lr = (bytes([1 << 3 | 1]) + (1767607200 * 10**9).to_bytes(8, 'little') + pb_field(5, _otlp_any('hello'))
          + pb_field(6, _otlp_kv('file', '/f')) + pb_field(6, _otlp_kv('n', 3)))
    lr2 = pb_field(5, _otlp_any({'log': 'raw'}))
    req = pb_field(1, pb_field(1, resource) + pb_field(2, pb_field(2, lr) + pb_field(2, lr2)))
    with standin_for('opentelemetry')() as si:
        st, _, _ = call(si, 'POST', '/v1/logs', req, {'Content-Type': 'application/x-protobuf'})
        check(st == 200, f'protobuf {st}')
        st, _, _ = call(si, 'POST', '/v1/logs', gzip.compress(req),
                        {'Content-Type': 'application/x-protobuf', 'Content-Encoding': 'gzip'})
        check(st == 200, f'gzip {st}')
        js = {'resourceLogs': [{'resource': {'attributes': [{'key': 'pod', 'value': {'stringValue': 'p2'}}]},
                                'scopeLogs': [{'logRecords': [{'body': {'stringValue': 'j'}}]}]}]}
        st, _, _ = call(si, 'POST', '/v1/logs', json.dumps(js), {'Content-Type': 'application/json'})
        check(st == 200, f'json {st}')
        ds = si.deliveries()
        check([d.record for d in ds] == [{'file': '/f', 'n': 3, 'message': 'hello'}, {'log': 'raw'}] * 2
              + [{'message': 'j'}], f'records {[d.record for d in ds]}')
        check(ds[0].meta == {'resource': {'pod': 'p1', 'ray_cluster': 'c'}} and ds[0].time == 1767607200.0,
              f'meta {ds[0]}')
        check(ds[-1].meta == {'resource': {'pod': 'p2'}}, 'json resource')
        check(si.problems() == [], f'problems {si.problems()}')
        st, _, _ = call(si, 'POST', '/v1/logs', b'x', {'Content-Type': 'text/plain'})
        check(st == 415 and si.problems(), 'wrong content type')


def t_splunk():
    with standin_for('splunk')(token='t0k') as si:
        ev = lambda n: {'time': 1767607200.5, 'host': 'p1', 'source': '/f', 'sourcetype': 'ray',
                        'event': {'log': f'l{n}'}, 'fields': {'pod': 'p1'}}
        body = json.dumps(ev(0)) + json.dumps(ev(1))  # concatenated, as out_splunk sends them
        st, _, _ = call(si, 'POST', '/services/collector/event', body, {'Authorization': 'Splunk t0k'})
        check(st == 200, f'post {st}')
        ds = si.deliveries()
        check([d.record for d in ds] == [{'pod': 'p1', 'log': 'l0'}, {'pod': 'p1', 'log': 'l1'}], f'records {ds}')
        check(ds[0].meta == {'host': 'p1', 'source': '/f', 'sourcetype': 'ray', 'fields': {'pod': 'p1'}}, 'meta')
        check(si.problems() == [], f'problems {si.problems()}')
        st, _, _ = call(si, 'POST', '/services/collector/event', body, {'Authorization': 'Splunk ${RAYLOG_OUT1_TOKEN}'})
        check(st == 403 and si.problems(), 'unexpanded token')
        si.reset()
        st, _, _ = call(si, 'POST', '/services/collector/event', body)
        check(st == 401 and si.problems(), 'no token')


def t_http():
    with standin_for('http')(require={'Authorization': 'Bearer x'}) as si:
        body = b'{"log":"l0"}\n{"log":"l1"}\n'
        st, _, _ = call(si, 'POST', '/ingest', body, {'Content-Type': 'application/x-ndjson', 'Authorization': 'Bearer x'})
        check(st == 200, f'json lines {st}')
        st, _, _ = call(si, 'POST', '/ingest', json.dumps([{'log': 'l2'}]),
                        {'Content-Type': 'application/json', 'Authorization': 'Bearer x'})
        check(st == 200, f'json {st}')
        check(records(si) == [{'log': 'l0'}, {'log': 'l1'}, {'log': 'l2'}], f'records {records(si)}')
        check(si.deliveries()[0].meta == {'path': '/ingest', 'headers': {'Authorization': 'Bearer x'}}, 'meta')
        check(si.problems() == [], f'problems {si.problems()}')
        st, _, _ = call(si, 'POST', '/ingest', body, {'Content-Type': 'application/x-ndjson'})
        check(st == 401 and si.problems(), 'no Authorization')
        si.reset()
        st, _, _ = call(si, 'POST', '/ingest', body, {'Content-Type': 'application/x-ndjson',
                                                      'Authorization': 'Bearer x', 'X-A': '${NOPE}'})
        check(st == 400 and si.problems(), 'unexpanded header')


def t_datadog():
    with standin_for('datadog')(api_key='k1') as si:
        logs = [{'timestamp': 1767607200500, 'ddsource': 'ray', 'service': 'ray', 'ddtags': 'pod:p1,team:ml',
                 'log': 'l0'}]
        st, _, _ = call(si, 'POST', '/api/v2/logs', gzip.compress(json.dumps(logs).encode()),
                        {'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'DD-API-KEY': 'k1'})
        check(st == 202, f'post {st}')
        ds = si.deliveries()
        check(ds[0].record['log'] == 'l0' and ds[0].meta == {'ddsource': 'ray', 'service': 'ray',
                                                              'ddtags': {'pod': 'p1', 'team': 'ml'}}, f'{ds}')
        check(si.problems() == [], f'problems {si.problems()}')
        st, _, _ = call(si, 'POST', '/api/v2/logs', json.dumps(logs), {'Content-Type': 'application/json',
                                                                        'DD-API-KEY': 'wrong'})
        check(st == 403 and si.problems(), 'wrong key')


def _kafka_batch(values: list[tuple[bytes | None, bytes]], codec: int = 0, bad_crc: bool = False) -> bytes:
    """A RecordBatch v2 of (key, value) records, as librdkafka writes one."""
    from .kafka import crc32c, i16, i32, i64

    def zz(v):  # zigzag varint
        from .kafka import uvarint
        return uvarint((v << 1) ^ (v >> 63))
    recs = b''
    for n, (k, v) in enumerate(values):
        body = b'\0' + zz(0) + zz(n) + (zz(-1) if k is None else zz(len(k)) + k) + zz(len(v)) + v + zz(0)
        recs += zz(len(body)) + body
    if codec == 1:
        recs = gzip.compress(recs)
    after_crc = i16(codec) + i32(len(values) - 1) + i64(0) + i64(0) + i64(-1) + i16(-1) + i32(-1) + i32(len(values)) + recs
    crc = crc32c(after_crc) ^ (1 if bad_crc else 0)
    batch = i32(0) + b'\2' + struct.pack('>I', crc) + after_crc
    return i64(0) + i32(len(batch)) + batch


def _kafka_call(sock, key: int, version: int, body: bytes, corr: int = 7) -> bytes | None:
    from .kafka import i16, i32, string
    head = i16(key) + i16(version) + i32(corr) + string('selftest') + (b'\0' if key == 18 and version >= 3 else b'')
    sock.sendall(i32(len(head + body)) + head + body)
    size = sock.recv(4, socket.MSG_WAITALL)
    if len(size) < 4:
        return None
    data = sock.recv(struct.unpack('>i', size)[0], socket.MSG_WAITALL)
    check(data[:4] == i32(corr), 'correlation id echoed')
    return data[4:]


def t_kafka():
    from .kafka import i16, i32, string
    with standin_for('kafka')(user='u', password='pw') as si:
        with socket.create_connection(('127.0.0.1', si.port), timeout=10) as s:
            v = _kafka_call(s, 18, 3, b'\x09selftest\x021\0')
            check(v[:2] == b'\0\0' and v[2] == 7, f'ApiVersions v3: 6 APIs, {v!r}')
            check(_kafka_call(s, 17, 1, string('PLAIN'))[:2] == b'\0\0', 'SaslHandshake PLAIN')
            check(_kafka_call(s, 36, 0, i32(5) + b'\0u\0pw')[:2] == b'\0\0', 'SaslAuthenticate')
            md = _kafka_call(s, 3, 4, i32(1) + string('ray-logs') + b'\1')
            check(b'127.0.0.1' in md and b'ray-logs' in md and struct.pack('>i', si.port) in md, f'metadata {md!r}')
            for codec in (0, 1):
                batch = _kafka_batch([(b'p1', b'{"log":"l0"}'), (None, b'{"log":"l1"}')], codec)
                r = _kafka_call(s, 0, 3, i16(-1) + i16(1) + i32(1000) + i32(1) + string('ray-logs') + i32(1) +
                                i32(0) + i32(len(batch)) + batch)
                check(r is not None and r[r.index(b'ray-logs') + 16:][:2] == b'\0\0', f'produce codec {codec}: {r!r}')
        check(records(si) == [{'log': 'l0'}, {'log': 'l1'}] * 2, f'records {records(si)}')
        check(si.deliveries()[0].meta == {'topic': 'ray-logs', 'key': 'p1'}, f'meta {si.deliveries()[0].meta}')
        check(si.deliveries()[1].meta['key'] is None, 'null key')
        check(si.problems() == [], f'problems {si.problems()}')
        with socket.create_connection(('127.0.0.1', si.port), timeout=10) as s:  # wrong password
            _kafka_call(s, 17, 1, string('PLAIN'))
            check(_kafka_call(s, 36, 0, i32(6) + b'\0u\0bad')[:2] != b'\0\0' and si.problems(), 'wrong password')
        si.reset()
        with socket.create_connection(('127.0.0.1', si.port), timeout=10) as s:  # produce before SASL
            check(_kafka_call(s, 3, 4, i32(0)) is None and si.problems(), 'metadata before SASL refused')
    with standin_for('kafka')() as si, socket.create_connection(('127.0.0.1', si.port), timeout=10) as s:
        batch = _kafka_batch([(None, b'{"log":"l0"}')], bad_crc=True)
        r = _kafka_call(s, 0, 3, i16(-1) + i16(1) + i32(1000) + i32(1) + string('t') + i32(1) + i32(0) +
                        i32(len(batch)) + batch)
        check(r[r.index(b'\0\1t') + 11:][:2] == b'\0\2' and not records(si) and si.problems(), f'bad CRC {r!r}')


def t_interface():
    check(set(STANDINS) == {'s3', 'cloudwatch', 'elasticsearch', 'opensearch', 'loki', 'azure_blob', 'forward',
                            'stackdriver', 'kinesis_firehose',
                            'opentelemetry', 'splunk', 'http', 'datadog', 'kafka'},
          f'registry {set(STANDINS)}')
    for kind, cls in STANDINS.items():
        check(issubclass(cls, StandIn) and standin_for(kind) is cls and cls.kind == kind, kind)
        si = cls().start()
        check(isinstance(si.port, int) and si.port > 0 and si.requests == 0, kind)
        si.stop()
    check(Delivery({'a': 1}, {}, 'x') == Delivery({'a': 1}, {}, 'x', 5.0), 'time not compared')


# ---------------------------------------------------------------------------
# real Fluent Bit

RETAIN_METADATA_DEFAULT = {
    # plugins/out_forward/forward.c config map 'retain_metadata_in_forward_mode'
    '3.2.10': False,   # v3.2.10 forward.c:1727 default "false"
    '5.1.1': True,     # v5.1.1  forward.c:1906 default "true"
}


def find_binaries() -> list[tuple[str, str]]:
    """(version, path) of the Fluent Bit 3.2 and 5.1 the pods tests use (podharness.engines:
    RAYLOG_FLUENT_BIT, then fluent-bit[-<version>] on PATH), or of $FLUENT_BIT_BINS."""
    env = os.environ.get('FLUENT_BIT_BINS')
    if not env:
        from podharness.engines import find_engine
        found = [find_engine('fluent-bit', want) for want in ('3.2', '5.1')]
        return [(e.version, e.path) for e in found if e]
    out = []
    for p in env.split(':'):
        if p and os.access(p, os.X_OK):
            r = subprocess.run([p, '--version'], capture_output=True, text=True)
            m = re.search(r'v(\d+\.\d+\.\d+)', r.stdout)
            out.append((m.group(1) if m else 'unknown', p))
    return out


def fb_config(tail: str, store: str, s: dict[str, StandIn], ca_file: str) -> str:
    sec = [f"""[SERVICE]
    Flush        1
    Grace        2
    Log_Level    info
    HTTP_Server  Off

[INPUT]
    Name             tail
    Tag              ray
    Path             {tail}
    Read_from_Head   true
    Refresh_Interval 1
"""]
    sec.append(f"""[OUTPUT]
    Name             s3
    Match            *
    bucket           raylogs
    region           us-east-1
    endpoint         http://127.0.0.1:{s['s3'].port}
    use_put_object   On
    total_file_size  1M
    upload_timeout   5s
    store_dir        {store}
    s3_key_format    /fluent-bit-logs/$TAG/%Y/%m/%d/%H/%M/%S
""")
    sec.append(f"""[OUTPUT]
    Name              cloudwatch_logs
    Match             *
    region            us-east-1
    log_group_name    raylogs
    log_stream_name   ray-stream
    auto_create_group On
    endpoint          127.0.0.1
    port              {s['cloudwatch'].port}
    tls.ca_file       {ca_file}
""")
    sec.append(f"""[OUTPUT]
    Name               es
    Match              *
    Host               127.0.0.1
    Port               {s['elasticsearch'].port}
    Index              raylogs
    Suppress_Type_Name On
""")
    sec.append(f"""[OUTPUT]
    Name               opensearch
    Match              *
    Host               127.0.0.1
    Port               {s['opensearch'].port}
    Index              raylogs
    Suppress_Type_Name On
""")
    sec.append(f"""[OUTPUT]
    Name         loki
    Match        *
    Host         127.0.0.1
    Port         {s['loki'].port}
    line_format  json
    labels       job=x
""")
    sec.append(f"""[OUTPUT]
    Name                  azure_blob
    Match                 *
    account_name          devstoreaccount1
    shared_key            {AZURITE_KEY}
    container_name        raylogs
    endpoint              http://127.0.0.1:{s['azure_blob'].port}
    tls                   Off
    blob_type             appendblob
    auto_create_container On
""")
    sec.append(f"""[OUTPUT]
    Name   forward
    Match  *
    Host   127.0.0.1
    Port   {s['forward'].port}
""")
    sec.append(f"""[OUTPUT]
    Name   forward
    Match  *
    Host   127.0.0.1
    Port   {s['forward_noretain'].port}
    Retain_Metadata_In_Forward_Mode false
""")
    # Outputs a build may leave out (FLB_OUT_*): only those the binary has get a stand-in.
    if 'opentelemetry' in s:
        sec.append(f"""[OUTPUT]
    Name   opentelemetry
    Match  *
    Host   127.0.0.1
    Port   {s['opentelemetry'].port}
""")
    if 'splunk' in s:
        sec.append(f"""[OUTPUT]
    Name          splunk
    Match         *
    Host          127.0.0.1
    Port          {s['splunk'].port}
    splunk_token  selftest-token
""")
    if 'http' in s:
        sec.append(f"""[OUTPUT]
    Name    http
    Match   *
    Host    127.0.0.1
    Port    {s['http'].port}
    format  json_lines
    header  Authorization Bearer selftest
""")
    if 'datadog' in s:
        sec.append(f"""[OUTPUT]
    Name    datadog
    Match   *
    Host    127.0.0.1
    Port    {s['datadog'].port}
    tls     Off
    apikey  selftest-key
""")
    if 'kafka' in s:
        sec.append(f"""[OUTPUT]
    Name                       kafka
    Match                      *
    brokers                    127.0.0.1:{s['kafka'].port}
    topics                     ray-logs
    format                     json
    rdkafka.security.protocol  SASL_PLAINTEXT
    rdkafka.sasl.mechanism     PLAIN
    rdkafka.sasl.username      selftest
    rdkafka.sasl.password      selftest-password
""")
    return '\n'.join(sec)


def line_of(record: dict):
    """The tailed line: `log`, or `message` where the output moves it there (out_opentelemetry's
    default logs_body_key is $log, a string body; out_datadog renames log to message)."""
    return record.get('log', record.get('message'))


def run_engine(version: str, binary: str, keep: bool) -> list[str]:
    """Returns a list of failures (empty = passed)."""
    failures = []
    tmp = tempfile.mkdtemp(prefix=f'standins-fb-{version}-')
    tail = os.path.join(tmp, 'ray.log')
    open(tail, 'w').close()
    store = os.path.join(tmp, 's3store')
    os.makedirs(store)
    # cloudwatch_logs always connects with TLS: its init calls the credential
    # chain's upstream_set() (cloudwatch_logs.c:336), whose EC2 provider ends
    # with ins->use_tls = FLB_TRUE (src/aws/flb_aws_credentials_ec2.c), read
    # at cloudwatch_logs.c:356; 'tls Off' cannot undo it. So serve TLS.
    server_ctx, ca_file = self_signed(tmp)
    plugins = subprocess.run([binary, '-h'], capture_output=True, text=True).stdout
    optional = {'opentelemetry': 'opentelemetry', 'splunk': 'splunk', 'http': 'http', 'datadog': 'datadog',
                'kafka': 'kafka'}
    absent = {k for k, plugin in optional.items() if not re.search(rf'^\s*(\x1b\[[0-9;]*m)?{plugin}\s', plugins, re.M)}
    for k in sorted(absent):
        log(f'SKIP {k} with Fluent Bit {version}: built without the {optional[k]} output')
    # Cloud Logging needs its metadata server's token and Firehose (3.2) port 443: the pods tests
    # (pods/output-stackdriver, pods/output-kinesis-firehose, pods/case/daemonset-gcp-firehose)
    # run them against these stand-ins with the real engines; this config has no section for them.
    absent |= {'stackdriver', 'kinesis_firehose'}
    pinned = {'splunk': {'token': 'selftest-token'}, 'datadog': {'api_key': 'selftest-key'},
              'http': {'require': {'Authorization': 'Bearer selftest'}},
              'kafka': {'user': 'selftest', 'password': 'selftest-password'}}
    sis: dict[str, StandIn] = {k: (cls(tls=server_ctx) if k == 'cloudwatch' else cls(**pinned.get(k, {}))).start()
                               for k, cls in STANDINS.items() if k not in absent}
    sis['forward_noretain'] = standin_for('forward')().start()
    conf = os.path.join(tmp, 'fluent-bit.conf')
    retain_default = RETAIN_METADATA_DEFAULT.get(version)
    with open(conf, 'w') as f:
        f.write(fb_config(tail, store, sis, ca_file))
    env = dict(os.environ, AWS_ACCESS_KEY_ID='AKIDSTANDIN', AWS_SECRET_ACCESS_KEY='standin-secret',
               AWS_REGION='us-east-1', AWS_EC2_METADATA_DISABLED='true')
    logf = open(os.path.join(tmp, 'fluent-bit.log'), 'w')
    proc = subprocess.Popen([binary, '-c', conf], stdout=logf, stderr=subprocess.STDOUT, env=env)
    marker = uuid.uuid4().hex[:8]
    lines = [f'standin-selftest {marker} line-{i}' for i in range(3)]
    try:
        time.sleep(1.5)
        with open(tail, 'a') as f:
            for ln in lines:
                f.write(ln + '\n')
        deadline = time.time() + 6 + 10   # s3 needs upload_timeout (5 s) + its timer
        want = set(lines)

        def complete():
            for k, si in sis.items():
                got = [line_of(d.record) for d in si.deliveries()]
                if k == 'forward' and retain_default:
                    continue
                if not want <= set(got):
                    return False
            return True
        while time.time() < deadline and not complete():
            time.sleep(0.5)
        time.sleep(1.5)   # let duplicates, if any, arrive
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        logf.close()
        for si in sis.values():
            si.stop()

    for k, si in sis.items():
        got = [line_of(d.record) for d in si.deliveries()]
        counts = {ln: got.count(ln) for ln in lines}
        probs = si.problems()
        expect_reject = (k == 'forward' and retain_default)
        status = []
        if expect_reject:
            rejects = [p for p in probs if 'Fluentd would reject: entry time is array' in p]
            if not rejects:
                failures.append(f'{version} {k}: expected "Fluentd would reject" problems, got {probs}')
            if any(counts.values()):
                failures.append(f'{version} {k}: rejected entries were counted: {counts}')
            status.append(f'{len(rejects)} entries flagged "Fluentd would reject: entry time is array"')
        else:
            if any(c != 1 for c in counts.values()):
                failures.append(f'{version} {k}: each line must arrive exactly once, got {counts}')
            if probs:
                failures.append(f'{version} {k}: problems {probs}')
            status.append(f'lines received {list(counts.values())}, problems {len(probs)}')
        extra = ''
        ds = si.deliveries()
        if ds:
            extra = f' meta={ds[0].meta} record_keys={sorted(ds[0].record)}'
        log(f'    {k:17s} requests={si.requests:3d} {"; ".join(status)}{extra}')
        if VERBOSE and probs:
            for p in probs[:5]:
                log(f'        problem: {p}')
    if retain_default is None:
        failures.append(f'{version}: unknown Retain_Metadata_In_Forward_Mode default; add it to '
                        f'RETAIN_METADATA_DEFAULT')
    if failures or keep:
        log(f'    (kept {tmp}; fluent-bit log tail:)')
        with open(os.path.join(tmp, 'fluent-bit.log')) as f:
            tail_lines = f.read().splitlines()
        for ln in tail_lines[-40:]:
            log('      | ' + ln)
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return failures


def fluentd_binary() -> str:
    """$FLUENTD_BIN, else the Fluentd the pods tests use (RAYLOG_FLUENTD, `fluentd` on PATH)."""
    if os.environ.get('FLUENTD_BIN'):
        return os.environ['FLUENTD_BIN']
    from podharness.engines import find_engine
    e = find_engine('fluentd', '')
    return e.path if e else ''


def run_fluentd(binary: str, keep: bool) -> list[str]:
    """Fluentd tail -> copy to out_forward, out_elasticsearch and out_stdout
    ('<format> @type json'); each of 3 lines must arrive exactly once."""
    failures = []
    tmp = tempfile.mkdtemp(prefix='standins-fluentd-')
    tail = os.path.join(tmp, 'ray.log')
    open(tail, 'w').close()
    fw, es = standin_for('forward')().start(), standin_for('elasticsearch')().start()
    conf = os.path.join(tmp, 'fluent.conf')
    with open(conf, 'w') as f:
        f.write(f"""<source>
  @type tail
  path {tail}
  pos_file {tmp}/ray.pos
  read_from_head true
  tag ray
  <parse>
    @type none
  </parse>
</source>
<match ray>
  @type copy
  <store>
    @type forward
    require_ack_response true
    <server>
      host 127.0.0.1
      port {fw.port}
    </server>
    <buffer>
      flush_interval 1s
    </buffer>
  </store>
  <store>
    @type elasticsearch
    host 127.0.0.1
    port {es.port}
    index_name raylogs
    <buffer>
      flush_interval 1s
    </buffer>
  </store>
  <store>
    @type stdout
    <format>
      @type json
    </format>
  </store>
</match>
""")
    out_path = os.path.join(tmp, 'fluentd.out')
    logf = open(out_path, 'w')
    proc = subprocess.Popen([binary, '-c', conf, '--no-supervisor'], stdout=logf, stderr=subprocess.STDOUT)
    lines = [f'standin-selftest {uuid.uuid4().hex[:8]} line-{i}' for i in range(3)]
    try:
        # wait for 'following tail' (Fluentd starts slowly)
        wait_for(lambda: 'fluentd worker is now running' in open(out_path).read(), 30)
        with open(tail, 'a') as f:
            f.write(''.join(ln + '\n' for ln in lines))
        wait_for(lambda: all(len(si.deliveries()) >= 3 for si in (fw, es)), 20)
        time.sleep(1.5)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        logf.close()
        fw.stop()
        es.stop()
    stdout_ds = parse_fluentd_stdout(open(out_path).read())
    for name, ds, probs, nreq in (('forward', fw.deliveries(), fw.problems(), fw.requests),
                                  ('elasticsearch', es.deliveries(), es.problems(), es.requests),
                                  ('stdout', stdout_ds, [], 0)):
        got = [d.record.get('message') for d in ds]
        counts = [got.count(ln) for ln in lines]
        if counts != [1, 1, 1]:
            failures.append(f'fluentd {name}: each line must arrive exactly once, got {counts}')
        if probs:
            failures.append(f'fluentd {name}: problems {probs}')
        log(f'    {name:17s} requests={nreq:3d} lines received {counts}, problems {len(probs)}'
            + (f' meta={ds[0].meta} record_keys={sorted(ds[0].record)}' if ds else ''))
    log(f'    forward acks sent: {fw.acks_sent}')
    if failures or keep:
        log(f'    (kept {tmp}; fluentd output tail:)')
        for ln in open(out_path).read().splitlines()[-30:]:
            log('      | ' + ln)
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return failures


def main(argv=None) -> int:
    global VERBOSE
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--no-engines', action='store_true', help='skip the real Fluent Bit runs')
    ap.add_argument('--engines-only', action='store_true')
    ap.add_argument('--keep', action='store_true', help='keep the engine run directories')
    ap.add_argument('-v', '--verbose', action='store_true')
    args = ap.parse_args(argv)
    VERBOSE = args.verbose
    failures = []
    if not args.engines_only:
        tests = [('interface', t_interface), ('s3', t_s3), ('cloudwatch', t_cloudwatch),
                 ('elasticsearch', lambda: t_search('elasticsearch')),
                 ('opensearch', lambda: t_search('opensearch')), ('loki', t_loki), ('azure_blob', t_azure),
                 ('forward', t_forward), ('stackdriver', t_stackdriver), ('kinesis_firehose', t_firehose),
                 ('opentelemetry', t_opentelemetry), ('splunk', t_splunk),
                 ('http', t_http), ('datadog', t_datadog), ('kafka', t_kafka), ('stdout parsers', t_stdout), ('tls', t_tls)]
        for name, fn in tests:
            try:
                fn()
                log(f'PASS crafted {name}')
            except Exception as exc:
                failures.append(f'crafted {name}: {exc}')
                log(f'FAIL crafted {name}: {exc}')
                if VERBOSE:
                    traceback.print_exc()
    if not args.no_engines:
        bins = find_binaries()
        if not bins:
            log('SKIP real Fluent Bit: none on PATH (fluent-bit-<version>), in RAYLOG_FLUENT_BIT or FLUENT_BIT_BINS')
        for version, binary in bins:
            log(f'RUN  Fluent Bit {version} ({binary})')
            f = run_engine(version, binary, args.keep)
            failures += f
            log(f'{"PASS" if not f else "FAIL"} Fluent Bit {version}')
            for x in f:
                log(f'    {x}')
        fluentd = fluentd_binary()
        if fluentd and os.access(fluentd, os.X_OK):
            log(f'RUN  Fluentd ({fluentd})')
            f = run_fluentd(fluentd, args.keep)
            failures += f
            log(f'{"PASS" if not f else "FAIL"} Fluentd')
            for x in f:
                log(f'    {x}')
        else:
            log('SKIP Fluentd: none in FLUENTD_BIN, RAYLOG_FLUENTD or on PATH')
    log('OK' if not failures else f'{len(failures)} failure(s)')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
