"""Amazon S3 / MinIO stand-in.

Fluent Bit out_s3 always uses path-style URIs '/<bucket><key>' against the
configured endpoint (plugins/out_s3/s3.c s3_put_object: flb_sds_printf(&uri,
"/%s%s", bucket, s3_key)); the AWS SDKs (Fluentd's fluent-plugin-s3) use
virtual-host style '<bucket>.s3.<region>.amazonaws.com/<key>' unless
force_path_style. Both are accepted.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
from xml.sax.saxutils import escape

from .base import HTTPStandIn, Request, Response, json_lines

XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/'


def _xml(body: str) -> str:
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body


def _error(status: int, code: str, message: str, resource: str = '') -> Response:
    return Response(status, _xml(
        f'<Error><Code>{code}</Code><Message>{escape(message)}</Message>'
        f'<Resource>{escape(resource)}</Resource><RequestId>{uuid.uuid4().hex}</RequestId></Error>'),
        headers={'x-amz-request-id': uuid.uuid4().hex[:16].upper()},
        content_type='application/xml')


def _is_gzip(data: bytes) -> bool:
    return data[:2] == b'\x1f\x8b'


class S3StandIn(HTTPStandIn):
    kind = 's3'
    server_header = 'AmazonS3'

    def __init__(self, tls=None):
        super().__init__(tls)
        self._objects: dict[tuple[str, str], bytes] = {}
        self._uploads: dict[str, dict] = {}
        self._s3lock = threading.Lock()

    # -- helpers --------------------------------------------------------------
    def objects(self) -> dict[tuple[str, str], bytes]:
        """(bucket, key) -> stored bytes (as sent, compression not undone)."""
        with self._s3lock:
            return dict(self._objects)

    @staticmethod
    def _bucket_key(req: Request) -> tuple[str, str]:
        host = req.host.lower()
        # virtual-host style: <bucket>.s3[.-]<region>.amazonaws.com, <bucket>.s3.<anything>,
        # or <bucket>.localhost
        vhost_bucket = None
        for marker in ('.s3.', '.s3-'):
            i = host.find(marker)
            if i > 0:
                vhost_bucket = req.headers.get('Host').split(':')[0][:i]
                break
        if vhost_bucket is None and host.endswith('.localhost'):
            vhost_bucket = host[:-len('.localhost')]
        if vhost_bucket is not None:
            return vhost_bucket, req.path.lstrip('/')
        path = req.path.lstrip('/')
        bucket, _, key = path.partition('/')
        return bucket, key

    def _check_auth(self, req: Request) -> bool:
        auth = req.header('Authorization') or ''
        if auth.startswith('AWS4-HMAC-SHA256 ') or auth.startswith('AWS '):
            return True
        if 'X-Amz-Signature' in req.query or 'Signature' in req.query:
            return True
        self._problem(f'{req.method} {req.path}: no Authorization header '
                      '(S3 rejects anonymous writes: 403 AccessDenied)')
        return False

    def _store(self, bucket: str, key: str, raw: bytes, req_headers_ce: str | None) -> str | None:
        """Store an object and deliver its records; returns an error text."""
        with self._s3lock:
            self._objects[(bucket, key)] = raw
        data = raw
        ce = (req_headers_ce or '').lower()
        if 'gzip' in ce or key.endswith('.gz') or _is_gzip(data):
            if _is_gzip(data):
                try:
                    from .base import gunzip
                    data = gunzip(data)
                except (OSError, EOFError) as exc:
                    return f'object {key!r} is not valid gzip: {exc}'
            elif 'gzip' in ce:
                return f'object {key!r} has Content-Encoding gzip but is not gzip'
        elif ce and ce not in ('identity', 'aws-chunked'):
            if 'snappy' in ce:
                from .snappy import decompress
                try:
                    data = decompress(data)
                except ValueError as exc:
                    return f'object {key!r}: bad snappy data: {exc}'
            else:
                return f'object {key!r}: cannot decode Content-Encoding {ce!r} (records not counted)'
        for rec in json_lines(data):
            self._deliver(rec, {'bucket': bucket, 'key': key})
        return None

    # -- dispatch -------------------------------------------------------------
    def handle(self, req: Request) -> Response:
        bucket, key = self._bucket_key(req)
        q = req.query
        m = req.method
        resource = f'/{bucket}/{key}'
        if not bucket:
            if m == 'GET':   # ListBuckets
                return Response(200, _xml(f'<ListAllMyBucketsResult xmlns="{XMLNS}"><Buckets/></ListAllMyBucketsResult>'),
                                content_type='application/xml')
            return _error(400, 'InvalidRequest', 'no bucket', resource)

        writes = m in ('PUT', 'POST', 'DELETE')
        if writes and not self._check_auth(req):
            return _error(403, 'AccessDenied', 'Access Denied', resource)

        try:
            raw = req.raw_body
            ce = req.header('Content-Encoding') or ''
            sha = req.header('x-amz-content-sha256') or ''
            if 'aws-chunked' in ce.lower() or sha.startswith('STREAMING-'):
                from .base import decode_aws_chunked
                raw = decode_aws_chunked(raw)
                ce = ','.join(e for e in ce.split(',') if e.strip().lower() != 'aws-chunked')
        except ValueError as exc:
            self._problem(f'{m} {resource}: malformed aws-chunked body: {exc}')
            return _error(400, 'IncompleteBody', str(exc), resource)

        if not key:                                   # bucket operations
            if m in ('HEAD', 'PUT'):
                return Response(200, headers={'x-amz-bucket-region': 'us-east-1'})
            if m == 'GET':
                if 'location' in q:
                    return Response(200, _xml(f'<LocationConstraint xmlns="{XMLNS}"/>'),
                                    content_type='application/xml')
                prefix = q.get('prefix', '')
                with self._s3lock:
                    keys = sorted(k for (b, k) in self._objects if b == bucket and k.startswith(prefix))
                max_keys = int(q.get('max-keys', '1000') or 1000)
                keys = keys[:max_keys]
                contents = ''.join(
                    f'<Contents><Key>{escape(k)}</Key><Size>{len(self._objects[(bucket, k)])}</Size>'
                    f'<StorageClass>STANDARD</StorageClass></Contents>' for k in keys)
                extra = f'<KeyCount>{len(keys)}</KeyCount>' if q.get('list-type') == '2' else ''
                return Response(200, _xml(
                    f'<ListBucketResult xmlns="{XMLNS}"><Name>{escape(bucket)}</Name>'
                    f'<Prefix>{escape(prefix)}</Prefix>{extra}<MaxKeys>{max_keys}</MaxKeys>'
                    f'<IsTruncated>false</IsTruncated>{contents}</ListBucketResult>'),
                    content_type='application/xml')
            return Response(204 if m == 'DELETE' else 200)

        if m == 'POST' and 'uploads' in q:           # CreateMultipartUpload
            upload_id = uuid.uuid4().hex
            with self._s3lock:
                self._uploads[upload_id] = {'bucket': bucket, 'key': key, 'parts': {},
                                            'ce': req.header('Content-Encoding')}
            return Response(200, _xml(
                f'<InitiateMultipartUploadResult xmlns="{XMLNS}"><Bucket>{escape(bucket)}</Bucket>'
                f'<Key>{escape(key)}</Key><UploadId>{upload_id}</UploadId></InitiateMultipartUploadResult>'),
                content_type='application/xml')

        if 'uploadId' in q:
            upload_id = q['uploadId']
            with self._s3lock:
                up = self._uploads.get(upload_id)
            if up is None:
                self._problem(f'{m} {resource}: unknown uploadId {upload_id!r}')
                return _error(404, 'NoSuchUpload', 'The specified upload does not exist.', resource)
            if m == 'PUT':                            # UploadPart
                try:
                    part = int(q.get('partNumber', ''))
                except ValueError:
                    part = 0
                if not 1 <= part <= 10000:
                    self._problem(f'UploadPart {resource}: bad partNumber {q.get("partNumber")!r}')
                    return _error(400, 'InvalidArgument', 'Part number must be 1..10000', resource)
                etag = hashlib.md5(raw).hexdigest()
                with self._s3lock:
                    up['parts'][part] = (etag, raw)
                return Response(200, headers={'ETag': f'"{etag}"'})
            if m == 'POST':                           # CompleteMultipartUpload
                import re
                text = req.raw_body.decode('utf-8', 'replace')
                listed = [int(n) for n in re.findall(r'<PartNumber>\s*(\d+)\s*</PartNumber>', text)]
                if not listed:
                    self._problem(f'CompleteMultipartUpload {resource}: no parts in body')
                    return _error(400, 'MalformedXML', 'no parts', resource)
                with self._s3lock:
                    missing = [n for n in listed if n not in up['parts']]
                    if missing:
                        self._problem(f'CompleteMultipartUpload {resource}: parts never uploaded: {missing}')
                        return _error(400, 'InvalidPart', 'One or more of the specified parts could not be found.', resource)
                    body = b''.join(up['parts'][n][1] for n in listed)
                    del self._uploads[upload_id]
                err = self._store(bucket, key, body, up['ce'])
                if err:
                    self._problem(err)
                etag = hashlib.md5(body).hexdigest() + f'-{len(listed)}'
                return Response(200, _xml(
                    f'<CompleteMultipartUploadResult xmlns="{XMLNS}"><Location>{escape(resource)}</Location>'
                    f'<Bucket>{escape(bucket)}</Bucket><Key>{escape(key)}</Key><ETag>"{etag}"</ETag>'
                    f'</CompleteMultipartUploadResult>'), content_type='application/xml')
            if m == 'DELETE':                         # AbortMultipartUpload
                with self._s3lock:
                    self._uploads.pop(upload_id, None)
                return Response(204)
            if m == 'GET':                            # ListParts
                return Response(200, _xml(f'<ListPartsResult xmlns="{XMLNS}"/>'), content_type='application/xml')

        if m == 'PUT':                                # PutObject
            if 'x-amz-copy-source' in req.headers:
                return Response(200, _xml(f'<CopyObjectResult xmlns="{XMLNS}"/>'), content_type='application/xml')
            err = self._store(bucket, key, raw, ce)
            if err:
                self._problem(err)
            return Response(200, headers={'ETag': f'"{hashlib.md5(raw).hexdigest()}"'})
        if m in ('GET', 'HEAD'):
            with self._s3lock:
                obj = self._objects.get((bucket, key))
            if obj is None:
                return _error(404, 'NoSuchKey', 'The specified key does not exist.', resource)
            return Response(200, obj, headers={'ETag': f'"{hashlib.md5(obj).hexdigest()}"'},
                            content_type='application/octet-stream')
        if m == 'DELETE':
            with self._s3lock:
                self._objects.pop((bucket, key), None)
            return Response(204)
        return _error(405, 'MethodNotAllowed', f'{m} not allowed', resource)
