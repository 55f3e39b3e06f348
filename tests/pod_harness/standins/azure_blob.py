"""Azure Blob Storage / Azurite stand-in.

Fluent Bit out_azure_blob (plugins/out_azure_blob/, 3.2.10 and 5.1.1):
  base URI is '/<account>/' only with emulator_mode On, '/' otherwise
  (azure_blob_conf.c), so with 'endpoint http://127.0.0.1:PORT' the
  container is the first path segment;
  GET  /<c>?restype=container          -> 200 exists / 404 -> PUT same -> 201
  PUT  /<c>/<tag>?comp=appendblock     -> 201; 404 means 'create the blob':
  PUT  /<c>/<tag>  x-ms-blob-type: AppendBlob  -> 201, then append again;
  blockblob: PUT ?blockid=..&comp=block -> 201, PUT ?comp=blocklist -> 201.
Only status codes are checked by the plugin. Both URL forms (with and
without the account segment) are accepted here."""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import re
import threading
import uuid
from email.utils import formatdate

from .base import HTTPStandIn, Request, Response, gunzip, json_lines


def _headers(extra: dict | None = None) -> dict:
    h = {'x-ms-request-id': str(uuid.uuid4()), 'x-ms-version': '2019-12-12',
         'Date': formatdate(usegmt=True)}
    h.update(extra or {})
    return h


def _err(status: int, code: str, message: str) -> Response:
    return Response(status, f'<?xml version="1.0" encoding="utf-8"?><Error><Code>{code}</Code>'
                            f'<Message>{message}\nRequestId:{uuid.uuid4()}</Message></Error>',
                    headers=_headers({'x-ms-error-code': code}), content_type='application/xml')


class AzureBlobStandIn(HTTPStandIn):
    kind = 'azure_blob'
    server_header = 'Windows-Azure-Blob/1.0 Microsoft-HTTPAPI/2.0'

    def __init__(self, tls=None):
        super().__init__(tls)
        self._alock = threading.Lock()
        self.containers: set[tuple[str, str]] = set()
        # (account, container, blob) -> {'type', 'data': bytearray, 'blocks': {}}
        self.blobs: dict[tuple[str, str, str], dict] = {}
        self.null_commits = 0  # Fluent Bit < 5.0.2 commits after appends: refused, harmless

    @staticmethod
    def _auth_account(req: Request) -> str | None:
        auth = req.header('Authorization') or ''
        m = re.match(r'^SharedKey(?:Lite)?\s+([^:\s]+):', auth)
        return m.group(1) if m else None

    def _locate(self, req: Request) -> tuple[str, str | None, str | None]:
        """-> (account, container, blob)"""
        segs = [s for s in req.path.split('/') if s != '']
        account = self._auth_account(req)
        host = req.host
        host_account = None
        try:
            ipaddress.ip_address(host)
        except ValueError:
            if host and host != 'localhost' and '.' in host:
                host_account = host.split('.', 1)[0]
        if segs and (segs[0] == account or (account is None and host_account is None
                                            and segs[0] == 'devstoreaccount1')):
            account = segs.pop(0)
        account = account or host_account or ''
        container = segs[0] if segs else None
        blob = '/'.join(segs[1:]) if len(segs) > 1 else None
        return account, container, blob

    def _check_auth(self, req: Request) -> bool:
        auth = req.header('Authorization') or ''
        if auth.startswith('SharedKey') or auth.startswith('Bearer '):
            if not (req.header('x-ms-date') or req.header('Date')):
                self._problem(f'{req.method} {req.path}: SharedKey auth without x-ms-date')
                return False
            if not req.header('x-ms-version'):
                self._problem(f'{req.method} {req.path}: no x-ms-version header')
                return False
            return True
        if 'sig' in req.query:
            return True
        self._problem(f'{req.method} {req.path}?{req.query_string}: no Authorization header '
                      f'and no SAS signature')
        return False

    def _payload(self, req: Request) -> bytes:
        data = req.body()
        ct = (req.header('Content-Type') or '').lower()
        if data[:2] == b'\x1f\x8b' and ('gzip' in ct or req.header('x-ms-blob-content-encoding')):
            data = gunzip(data)
        return data

    def _deliver_lines(self, data: bytes, account: str, container: str, blob: str) -> None:
        for rec in json_lines(data):
            self._deliver(rec, {'account': account, 'container': container, 'blob': blob})

    def handle(self, req: Request) -> Response:
        account, container, blob = self._locate(req)
        q = req.query
        m = req.method
        if not self._check_auth(req):
            return _err(403, 'AuthenticationFailed', 'Server failed to authenticate the request.')
        if container is None:
            if q.get('comp') == 'list':
                return Response(200, '<?xml version="1.0" encoding="utf-8"?><EnumerationResults>'
                                     '<Containers/></EnumerationResults>',
                                headers=_headers(), content_type='application/xml')
            return _err(400, 'InvalidUri', 'no container')
        ckey = (account, container)
        with self._alock:
            cexists = ckey in self.containers

        if blob is None:
            if q.get('restype') != 'container':
                self._problem(f'{m} {req.path}: container request without restype=container')
                return _err(400, 'InvalidQueryParameterValue', 'restype=container expected')
            if not re.match(r'^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$', container) and container != '$root':
                self._problem(f'invalid container name {container!r}')
                return _err(400, 'InvalidResourceName', 'The specifed resource name contains invalid characters.')
            etag = {'ETag': f'"0x{uuid.uuid4().hex[:15].upper()}"', 'Last-Modified': formatdate(usegmt=True)}
            if m in ('GET', 'HEAD'):
                if q.get('comp') == 'list':
                    return Response(200, '<?xml version="1.0" encoding="utf-8"?><EnumerationResults><Blobs/>'
                                         '</EnumerationResults>', headers=_headers(), content_type='application/xml')
                if not cexists:
                    return _err(404, 'ContainerNotFound', 'The specified container does not exist.')
                return Response(200, headers=_headers(etag))
            if m == 'PUT':
                if cexists:
                    return _err(409, 'ContainerAlreadyExists', 'The specified container already exists.')
                with self._alock:
                    self.containers.add(ckey)
                return Response(201, headers=_headers(etag))
            if m == 'DELETE':
                with self._alock:
                    self.containers.discard(ckey)
                return Response(202, headers=_headers())
            return _err(405, 'UnsupportedHttpVerb', m)

        if not cexists:
            if m in ('PUT', 'POST'):
                self._problem(f'{m} {container}/{blob}: container {container!r} does not exist')
            return _err(404, 'ContainerNotFound', 'The specified container does not exist.')
        bkey = (account, container, blob)
        comp = q.get('comp')
        now = {'ETag': f'"0x{uuid.uuid4().hex[:15].upper()}"', 'Last-Modified': formatdate(usegmt=True)}
        try:
            if m == 'PUT' and comp is None:                       # Put Blob
                btype = req.header('x-ms-blob-type')
                if btype not in ('AppendBlob', 'BlockBlob', 'PageBlob'):
                    self._problem(f'Put Blob {container}/{blob}: missing or bad x-ms-blob-type {btype!r}')
                    return _err(400, 'MissingRequiredHeader',
                                'An HTTP header that\'s mandatory for this request is not specified.')
                if btype == 'AppendBlob' and req.raw_body:
                    self._problem(f'Put Blob {container}/{blob}: AppendBlob creation with a body')
                    return _err(400, 'InvalidHeaderValue', 'Content-Length must be 0 for an append blob')
                data = self._payload(req) if btype == 'BlockBlob' else b''
                with self._alock:
                    self.blobs[bkey] = {'type': btype, 'data': bytearray(data), 'blocks': {}, 'count': 0}
                if data:
                    self._deliver_lines(data, account, container, blob)
                md5 = base64.b64encode(hashlib.md5(req.raw_body).digest()).decode()
                return Response(201, headers=_headers({**now, 'Content-MD5': md5,
                                                       'x-ms-request-server-encrypted': 'true'}))
            if m == 'PUT' and comp == 'appendblock':
                with self._alock:
                    b = self.blobs.get(bkey)
                if b is None:
                    return _err(404, 'BlobNotFound', 'The specified blob does not exist.')
                if b['type'] != 'AppendBlob':
                    self._problem(f'Append Block to {b["type"]} {container}/{blob}')
                    return _err(409, 'InvalidBlobType', 'The blob type is invalid for this operation.')
                if not req.raw_body:
                    self._problem(f'Append Block {container}/{blob}: empty body')
                    return _err(400, 'InvalidHeaderValue', 'Content-Length must be > 0')
                if len(req.raw_body) > 100 * 1024 * 1024:
                    self._problem(f'Append Block {container}/{blob}: block over 100 MiB')
                    return _err(413, 'RequestBodyTooLarge', 'The request body is too large.')
                data = self._payload(req)
                with self._alock:
                    offset = len(b['data'])
                    b['data'] += data
                    b['count'] += 1
                    count = b['count']
                self._deliver_lines(data, account, container, blob)
                return Response(201, headers=_headers({**now, 'x-ms-blob-append-offset': str(offset),
                                                       'x-ms-blob-committed-block-count': str(count),
                                                       'x-ms-request-server-encrypted': 'true'}))
            if m == 'PUT' and comp == 'block':
                block_id = q.get('blockid')
                if not block_id:
                    self._problem(f'Put Block {container}/{blob}: no blockid')
                    return _err(400, 'MissingRequiredQueryParameter', 'blockid')
                with self._alock:
                    b = self.blobs.setdefault(bkey, {'type': 'BlockBlob', 'data': bytearray(),
                                                     'blocks': {}, 'count': 0, 'uncommitted': True})
                    b['blocks'][block_id] = (req.raw_body, self._payload(req))
                return Response(201, headers=_headers({'x-ms-request-server-encrypted': 'true'}))
            if m == 'PUT' and comp == 'blocklist':
                text = req.body().decode('utf-8', 'replace')
                ids = re.findall(r'<(?:Latest|Committed|Uncommitted)>\s*([^<]+?)\s*</', text)
                if '<BlockList' not in text or not ids:
                    self._problem(f'Put Block List {container}/{blob}: malformed body {text[:200]!r}')
                    return _err(400, 'InvalidXmlDocument', 'XML specified is not syntactically valid.')
                with self._alock:
                    b = self.blobs.get(bkey)
                    blocks = b['blocks'] if b else {}
                    missing = [i for i in ids if i not in blocks]
                    if missing:
                        if missing == ['(null)']:  # commit of ray.0 after appends to ray
                            # Fluent Bit < 5.0.2 commits "(null)" after every append, also to an
                            # append blob (out_azure_blob send_blob); Azure refuses it and Fluent
                            # Bit carries on: the append stands. Counted, not a delivery problem.
                            self.null_commits += 1
                            return _err(400, 'InvalidBlockList', 'The specified block list is invalid.')
                        self._problem(f'Put Block List {container}/{blob}: unknown block ids {missing}')
                        return _err(400, 'InvalidBlockList', 'The specified block list is invalid.')
                    data = b''.join(blocks[i][1] for i in ids)
                    b.update(type='BlockBlob', data=bytearray(data), uncommitted=False)
                self._deliver_lines(data, account, container, blob)
                return Response(201, headers=_headers({**now, 'x-ms-request-server-encrypted': 'true'}))
            if m in ('GET', 'HEAD') and comp is None:
                with self._alock:
                    b = self.blobs.get(bkey)
                if b is None or b.get('uncommitted'):
                    return _err(404, 'BlobNotFound', 'The specified blob does not exist.')
                return Response(200, bytes(b['data']), headers=_headers({**now, 'x-ms-blob-type': b['type']}),
                                content_type='application/octet-stream')
            if m == 'DELETE':
                with self._alock:
                    existed = self.blobs.pop(bkey, None)
                if existed is None:
                    return _err(404, 'BlobNotFound', 'The specified blob does not exist.')
                return Response(202, headers=_headers())
            if comp in ('metadata', 'properties', 'blocklist') and m in ('GET', 'HEAD', 'PUT'):
                return Response(200, headers=_headers(now))
        except (ValueError, OSError, EOFError) as exc:
            self._problem(f'{m} {container}/{blob}: cannot decode body: {exc}')
            return _err(400, 'InvalidInput', str(exc))
        self._problem(f'unsupported request {m} {req.path}?{req.query_string}')
        return _err(400, 'UnsupportedQueryParameter', f'{m} comp={comp}')

