"""Common machinery for the stand-ins: the received-record type, the base
class (life cycle, bookkeeping) and a small HTTP/1.1 server that reads
bodies the way real services do (Content-Length, chunked, Expect:
100-continue, Content-Encoding gzip/deflate, aws-chunked)."""

from __future__ import annotations

import gzip
import http.server
import json
import socket
import socketserver
import ssl
import threading
import urllib.parse
import zlib
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Delivery:
    """One log record as a stand-in received it.

    record: the record as the agent sent it, decoded into Python types.
    meta: where it arrived (bucket/key, group/stream, labels, index, ...).
    backend: the registry name of the stand-in that received it.
    time: the event time in seconds when the wire format carries one
          (not compared, so Delivery(record, meta, backend) == received).
    """
    record: dict
    meta: dict
    backend: str
    time: float | None = field(default=None, compare=False)


def to_str(value: bytes | str) -> str:
    if isinstance(value, bytes):
        return value.decode('utf-8', errors='surrogateescape')
    return value


def decode_bytes(obj: Any) -> Any:
    """Recursively turn bytes into str (surrogateescape), tuples into lists."""
    if isinstance(obj, bytes):
        return to_str(obj)
    if isinstance(obj, dict):
        return {decode_bytes(k): decode_bytes(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [decode_bytes(v) for v in obj]
    return obj


def json_loads(data: bytes | str) -> Any:
    if isinstance(data, bytes):
        data = data.decode('utf-8', errors='surrogateescape')
    return json.loads(data)


def json_dumps(obj: Any) -> bytes:
    # compact, as real services answer (Fluent Bit's out_es looks for the
    # literal '"errors":false,"items":[' in the bulk response)
    return json.dumps(obj, separators=(',', ':')).encode()


def gunzip(data: bytes) -> bytes:
    """gzip (possibly several members) -> bytes."""
    return gzip.decompress(data)


def decode_content(data: bytes, encoding: str | None) -> bytes:
    """Undo a Content-Encoding. Raises ValueError for what we cannot undo."""
    if not encoding:
        return data
    for enc in reversed([e.strip().lower() for e in encoding.split(',') if e.strip()]):
        if enc in ('identity', 'aws-chunked'):
            continue
        if enc in ('gzip', 'x-gzip'):
            data = gunzip(data)
        elif enc == 'deflate':
            try:
                data = zlib.decompress(data)
            except zlib.error:
                data = zlib.decompress(data, -zlib.MAX_WBITS)
        elif enc == 'snappy':
            from .snappy import decompress
            data = decompress(data)
        else:
            raise ValueError(f'unsupported Content-Encoding {enc!r}')
    return data


def decode_aws_chunked(data: bytes) -> bytes:
    """aws-chunked payload: '<hex>[;chunk-signature=..]\\r\\n<data>\\r\\n' ...
    '0[;...]\\r\\n' then optional trailers."""
    out = bytearray()
    pos = 0
    while True:
        eol = data.index(b'\r\n', pos)
        size = int(data[pos:eol].split(b';', 1)[0].strip(), 16)
        pos = eol + 2
        if size == 0:
            break
        out += data[pos:pos + size]
        pos += size + 2
    return bytes(out)


def json_lines(data: bytes) -> list[Any]:
    """Split a body into JSON values, one per non-empty line; a line that is
    not JSON comes back as {'_raw': line}."""
    out = []
    for line in data.split(b'\n'):
        line = line.strip(b'\r')
        if not line.strip():
            continue
        try:
            out.append(json_loads(line))
        except ValueError:
            out.append({'_raw': to_str(line)})
    return out


class StandIn:
    """Base class. Subclasses implement _make_server() (returning a bound,
    not yet serving socketserver.BaseServer)."""

    kind = 'base'

    def __init__(self, tls: ssl.SSLContext | None = None):
        self.tls = tls
        self.port: int | None = None
        self.bind_port = 0  # 0: a free port
        self._lock = threading.Lock()
        self._deliveries: list[Delivery] = []
        self._problems: list[str] = []
        self._requests = 0
        self._server: socketserver.BaseServer | None = None
        self._thread: threading.Thread | None = None
        # While refusing, writes are answered 503 and nothing is received: an agent keeps what it
        # would have sent (the pod harness's --kill-agent holds chunks across a kill this way).
        self.refusing = False
        self.refused = 0

    # -- life cycle ---------------------------------------------------------
    def start(self) -> 'StandIn':
        if self._server is not None:
            return self
        self._server = self._make_server()
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={'poll_interval': 0.1},
                                        name=f'standin-{self.kind}-{self.port}',
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    # -- bookkeeping --------------------------------------------------------
    def deliveries(self) -> list[Delivery]:
        with self._lock:
            return list(self._deliveries)

    def problems(self) -> list[str]:
        with self._lock:
            return list(self._problems)

    @property
    def requests(self) -> int:
        with self._lock:
            return self._requests

    def reset(self) -> None:
        with self._lock:
            self._deliveries.clear()
            self._problems.clear()
            self._requests = 0

    def refuse(self, on: bool = True) -> None:
        """Answer every write (POST/PUT/PATCH) with 503 Service Unavailable, or stop doing so.
        Reads (an Elasticsearch client's version check) are still answered."""
        with self._lock:
            self.refusing = on

    def _count_request(self) -> None:
        with self._lock:
            self._requests += 1

    def _deliver(self, record: Any, meta: dict, time: float | None = None) -> None:
        record = decode_bytes(record)
        if not isinstance(record, dict):
            record = {'_raw': record}
        with self._lock:
            self._deliveries.append(Delivery(record, dict(meta), self.kind, time))

    def _problem(self, text: str) -> None:
        with self._lock:
            self._problems.append(f'{self.kind}: {text}')

    def _make_server(self) -> socketserver.BaseServer:
        raise NotImplementedError


class _TLSMixin:
    """Wrap each accepted connection in TLS inside its own thread, so a bad
    handshake does not stall the accept loop. A client that speaks TLS to a
    plain stand-in (or plain text to a TLS one) is recorded as a problem:
    the real service would fail the same way."""
    tls_context: ssl.SSLContext | None = None
    standin: 'StandIn | None' = None

    def finish_request(self, request, client_address):
        try:
            request.settimeout(30)
            first = request.recv(1, socket.MSG_PEEK)
            request.settimeout(None)
        except OSError:
            return
        if not first:
            return
        if self.tls_context is not None:
            if first != b'\x16':
                if self.standin is not None:
                    self.standin._problem('client sent plain text to a TLS stand-in')
                return
            try:
                request.settimeout(30)
                request = self.tls_context.wrap_socket(request, server_side=True)
                request.settimeout(None)
            except (ssl.SSLError, OSError) as exc:
                if self.standin is not None:
                    self.standin._problem(f'TLS handshake failed: {exc}')
                return
        elif first == b'\x16' and self.standin is not None:
            self.standin._problem('client started a TLS handshake on a plain stand-in '
                                  '(start the stand-in with tls=ssl.SSLContext)')
            return
        super().finish_request(request, client_address)


class ThreadingTCPServer(_TLSMixin, socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False


class ThreadingHTTPServer(_TLSMixin, socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False


# --------------------------------------------------------------------------
# HTTP


class Request:
    def __init__(self, method: str, target: str, headers, raw_body: bytes):
        self.method = method
        self.target = target
        parsed = urllib.parse.urlsplit(target)
        self.raw_path = parsed.path
        self.path = urllib.parse.unquote(parsed.path)
        self.query_string = parsed.query
        self.query: dict[str, str] = {}
        for part in parsed.query.split('&'):
            if not part:
                continue
            k, _, v = part.partition('=')
            self.query[urllib.parse.unquote_plus(k)] = urllib.parse.unquote_plus(v)
        self.headers = headers            # case-insensitive (email.message)
        self.raw_body = raw_body

    def header(self, name: str, default: str | None = None) -> str | None:
        return self.headers.get(name, default)

    @property
    def host(self) -> str:
        """Host header without the port."""
        h = self.headers.get('Host', '') or ''
        if h.startswith('['):
            return h[1:h.find(']')]
        return h.rsplit(':', 1)[0] if h.count(':') == 1 else h

    def body(self) -> bytes:
        """Body with Content-Encoding undone (raises ValueError)."""
        data = self.raw_body
        ce = self.header('Content-Encoding') or ''
        sha = self.header('x-amz-content-sha256') or ''
        if 'aws-chunked' in ce.lower() or sha.startswith('STREAMING-'):
            data = decode_aws_chunked(data)
        return decode_content(data, ce)


class Response:
    def __init__(self, status: int = 200, body: bytes | str | dict | list | None = b'',
                 headers: dict | None = None, content_type: str | None = None):
        self.status = status
        self.headers = dict(headers or {})
        if isinstance(body, (dict, list)):
            body = json_dumps(body)
            content_type = content_type or 'application/json'
        elif isinstance(body, str):
            body = body.encode()
        self.body = body or b''
        if content_type:
            self.headers.setdefault('Content-Type', content_type)


class HTTPStandIn(StandIn):
    """A stand-in speaking HTTP/1.1. Subclasses implement handle(req)."""

    server_header = 'standin'

    def handle(self, req: Request) -> Response:   # pragma: no cover
        raise NotImplementedError

    def _make_server(self):
        standin = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = 'HTTP/1.1'
            server_version = standin.server_header
            sys_version = ''

            def log_message(self, *args):
                pass

            def _read_body(self) -> bytes:
                te = (self.headers.get('Transfer-Encoding') or '').lower()
                if 'chunked' in te:
                    out = bytearray()
                    while True:
                        line = self.rfile.readline(65537)
                        size = int(line.split(b';', 1)[0].strip() or b'0', 16)
                        if size == 0:
                            while self.rfile.readline(65537) not in (b'\r\n', b'\n', b''):
                                pass
                            break
                        out += self.rfile.read(size)
                        self.rfile.readline(65537)
                    return bytes(out)
                length = int(self.headers.get('Content-Length') or 0)
                return self.rfile.read(length) if length > 0 else b''

            def _dispatch(self):
                standin._count_request()
                body = self._read_body()
                req = Request(self.command, self.path, self.headers, body)
                with standin._lock:
                    refuse = standin.refusing and self.command in ('POST', 'PUT', 'PATCH')
                    standin.refused += refuse
                try:
                    # 503: every agent retries it (Fluent Bit's es and loki outputs, Fluentd's
                    # elasticsearch plugin); nothing of the body is kept.
                    resp = (Response(503, {'error': 'unavailable (harness: refusing writes)'}) if refuse
                            else standin.handle(req))
                except Exception as exc:   # a bug in the stand-in: say so loudly
                    standin._problem(f'stand-in error on {self.command} {self.path}: '
                                     f'{type(exc).__name__}: {exc}')
                    resp = Response(500, {'error': str(exc)})
                self.send_response(resp.status)
                for k, v in resp.headers.items():
                    self.send_header(k, v)
                self.send_header('Content-Length', str(len(resp.body)))
                self.end_headers()
                if self.command != 'HEAD' and resp.body:
                    self.wfile.write(resp.body)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = _dispatch

        server = ThreadingHTTPServer(('127.0.0.1', self.bind_port), Handler)
        server.tls_context = self.tls
        server.standin = self
        return server
