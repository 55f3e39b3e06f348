"""Kafka broker stand-in: the part of the Kafka wire protocol a producer (librdkafka, bundled in
Fluent Bit's out_kafka) needs, answered as a one-broker cluster would (Kafka protocol guide,
https://kafka.apache.org/protocol; message formats in clients/src/main/resources/common/message/):

* ApiVersions v0-v3 (key 18): v3 requests use the flexible header v2 but the answer keeps
  header v0 (KIP-511). The versions advertised are the ones implemented below. Fetch v4 is
  advertised and never served: librdkafka enables RecordBatch v2 (MsgVer2) only when the broker
  has Produce >= 3 and Fetch >= 4 (src/rdkafka_feature.c, librdkafka 2.4.0 and 2.15.0).
* Metadata v0-v4 (key 3): one broker, itself (node 0 at 127.0.0.1:<port>); every topic asked
  for exists with one partition led by node 0.
* Produce v3 (key 0): RecordBatch v2 (magic 2), CRC-32C checked, records uncompressed or gzip;
  answered unless acks is 0. Each record's value is the JSON record:
  Delivery(record, meta={'topic', 'key'}).
* SaslHandshake v0-v1 (key 17) and SaslAuthenticate v0 (key 36), PLAIN only: with `user` and
  `password` given the broker demands them (a wrong one closes the connection as Kafka does).
Anything else is a problem (the connection is closed)."""

from __future__ import annotations

import gzip
import json
import socketserver
import struct

from .base import StandIn, ThreadingTCPServer, to_str

PRODUCE, FETCH, METADATA, SASL_HANDSHAKE, API_VERSIONS, SASL_AUTHENTICATE = 0, 1, 3, 17, 18, 36
VERSIONS = {PRODUCE: (3, 3), FETCH: (4, 4), METADATA: (0, 4), API_VERSIONS: (0, 3)}
SASL_VERSIONS = {SASL_HANDSHAKE: (0, 1), SASL_AUTHENTICATE: (0, 0)}
UNSUPPORTED_VERSION, ILLEGAL_SASL_STATE, UNSUPPORTED_SASL, SASL_FAILED, CORRUPT = 35, 34, 33, 58, 2


def _crc32c_table():
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


_CRC32C = _crc32c_table()


def crc32c(data: bytes) -> int:
    c = 0xFFFFFFFF
    for b in data:
        c = _CRC32C[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


class Reader:
    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise ValueError(f'truncated: {n} bytes wanted at {self.pos} of {len(self.data)}')
        out = self.data[self.pos:self.pos + n]
        self.pos += n
        return out

    def _int(self, fmt: str) -> int:
        return struct.unpack('>' + fmt, self.take(struct.calcsize(fmt)))[0]

    def i8(self): return self._int('b')
    def i16(self): return self._int('h')
    def i32(self): return self._int('i')
    def i64(self): return self._int('q')

    def uvarint(self) -> int:
        shift = value = 0
        while True:
            b = self.take(1)[0]
            value |= (b & 0x7F) << shift
            if not b & 0x80:
                return value
            shift += 7
            if shift > 63:
                raise ValueError('varint too long')

    def varint(self) -> int:  # zigzag
        v = self.uvarint()
        return (v >> 1) ^ -(v & 1)

    def string(self) -> str | None:  # int16 length, -1: null
        n = self.i16()
        return None if n < 0 else to_str(self.take(n))

    def compact_string(self) -> str | None:  # uvarint length + 1, 0: null
        n = self.uvarint() - 1
        return None if n < 0 else to_str(self.take(n))

    def tagged_fields(self) -> None:
        for _ in range(self.uvarint()):
            self.uvarint()
            self.take(self.uvarint())

    def bytes_or_none(self, n: int) -> bytes | None:
        return None if n < 0 else self.take(n)


def i16(v): return struct.pack('>h', v)
def i32(v): return struct.pack('>i', v)
def i64(v): return struct.pack('>q', v)
def string(s): b = s.encode(); return i16(len(b)) + b
def uvarint(v):
    out = bytearray()
    while True:
        if v < 0x80:
            out.append(v)
            return bytes(out)
        out.append((v & 0x7F) | 0x80)
        v >>= 7


def decode_record_batches(data: bytes) -> list[tuple[bytes | None, bytes | None]]:
    """(key, value) of every record in a Produce partition's records (RecordBatch v2)."""
    out, r = [], Reader(data)
    while r.pos < len(data):
        if len(data) - r.pos < 12:
            break  # a partial trailing batch (allowed by the protocol): nothing in it
        r.i64()  # baseOffset
        length = r.i32()
        batch = Reader(r.take(length))
        batch.i32()  # partitionLeaderEpoch
        magic = batch.i8()
        if magic != 2:
            raise ValueError(f'message format magic {magic}, only RecordBatch v2 is implemented')
        crc = batch.i32() & 0xFFFFFFFF
        if crc32c(batch.data[batch.pos:]) != crc:
            raise ValueError('RecordBatch CRC-32C mismatch')
        attributes = batch.i16()
        batch.i32(); batch.i64(); batch.i64(); batch.i64(); batch.i16(); batch.i32()  # deltas, times, producer
        count = batch.i32()
        records = batch.data[batch.pos:]
        codec = attributes & 0x07
        if codec == 1:
            records = gzip.decompress(records)
        elif codec:
            raise ValueError(f'compression codec {codec} not implemented (only none and gzip)')
        rr = Reader(records)
        for _ in range(count):
            rec = Reader(rr.take(rr.varint()))
            rec.i8(); rec.varint(); rec.varint()  # attributes, timestampDelta, offsetDelta
            key = rec.bytes_or_none(rec.varint())
            value = rec.bytes_or_none(rec.varint())
            out.append((key, value))
    return out


class KafkaStandIn(StandIn):
    kind = 'kafka'

    def __init__(self, tls=None, user: str | None = None, password: str | None = None):
        super().__init__(tls)
        self.user, self.password = user, password
        self.produced = 0  # Produce requests answered

    def _make_server(self):
        standin = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                standin._serve_connection(self.request)

        server = ThreadingTCPServer(('127.0.0.1', self.bind_port), Handler)
        server.tls_context = self.tls
        server.standin = self
        return server

    def _versions(self) -> dict:
        return {**VERSIONS, **(SASL_VERSIONS if self.user is not None else {})}

    def _serve_connection(self, sock) -> None:
        f = sock.makefile('rb')
        authenticated = self.user is None
        while True:
            head = f.read(4)
            if len(head) < 4:
                return
            frame = f.read(struct.unpack('>i', head)[0])
            try:
                reply, authenticated, close = self._on_request(Reader(frame), authenticated)
            except (ValueError, OSError, EOFError) as exc:
                self._problem(f'cannot decode a request: {exc}')
                return
            if reply is not None:
                sock.sendall(i32(len(reply)) + reply)
            if close:
                return

    def _on_request(self, r: Reader, authenticated: bool):
        """(reply or None, authenticated, close the connection)."""
        self._count_request()
        key, version, corr = r.i16(), r.i16(), r.i32()
        r.string()  # client_id
        if (key == API_VERSIONS and version >= 3):  # flexible request header v2
            r.tagged_fields()
        head = i32(corr)
        lo_hi = self._versions().get(key)
        if key == API_VERSIONS:
            return head + self._api_versions(version), authenticated, False
        if lo_hi is None or not lo_hi[0] <= version <= lo_hi[1] or key == FETCH:
            self._problem(f'request for API key {key} v{version}, which the stand-in does not implement')
            return None, authenticated, True
        if key == SASL_HANDSHAKE:
            mech = r.string()
            err = 0 if mech == 'PLAIN' else UNSUPPORTED_SASL
            if err:
                self._problem(f'SASL mechanism {mech!r}: the stand-in takes PLAIN')
            return head + i16(err) + i32(1) + string('PLAIN'), authenticated, bool(err)
        if key == SASL_AUTHENTICATE:
            auth = r.take(r.i32())
            _, user, password = (auth.split(b'\0') + [b'', b''])[:3]
            if (to_str(user), to_str(password)) != (self.user, self.password):
                self._problem(f'SASL PLAIN as {to_str(user)!r}: wrong user or password')
                return head + i16(SASL_FAILED) + string('Authentication failed') + i32(-1), False, True
            return head + i16(0) + i16(-1) + i32(0), True, False
        if not authenticated:
            self._problem(f'API key {key} before SASL authentication')
            return None, False, True
        if key == METADATA:
            return head + self._metadata(r, version), authenticated, False
        return self._produce(r, head), authenticated, False

    def _api_versions(self, version: int) -> bytes:
        items = sorted(self._versions().items())
        if version >= 3:  # compact array, tagged fields
            body = i16(0) + uvarint(len(items) + 1)
            body += b''.join(i16(k) + i16(lo) + i16(hi) + b'\0' for k, (lo, hi) in items)
            return body + i32(0) + b'\0'
        body = i16(0) + i32(len(items)) + b''.join(i16(k) + i16(lo) + i16(hi) for k, (lo, hi) in items)
        return body + (i32(0) if version >= 1 else b'')

    def _metadata(self, r: Reader, version: int) -> bytes:
        n = r.i32()
        topics = [r.string() for _ in range(max(n, 0))]
        out = i32(0) if version >= 3 else b''  # throttle_time_ms
        out += i32(1) + i32(0) + string('127.0.0.1') + i32(self.port) + (i16(-1) if version >= 1 else b'')
        if version >= 2:
            out += i16(-1)  # cluster_id null
        if version >= 1:
            out += i32(0)  # controller_id
        out += i32(len(topics))
        for t in topics:
            out += i16(0) + string(t) + (b'\0' if version >= 1 else b'')
            out += i32(1) + i16(0) + i32(0) + i32(0) + i32(1) + i32(0) + i32(1) + i32(0)
        return out

    def _produce(self, r: Reader, head: bytes) -> bytes | None:
        r.string()  # transactional_id
        acks = r.i16()
        r.i32()  # timeout
        answers = []
        for _ in range(r.i32()):
            topic = r.string()
            parts = []
            for _ in range(r.i32()):
                index = r.i32()
                data = r.bytes_or_none(r.i32()) or b''
                err = 0
                try:
                    records = decode_record_batches(data)
                except (ValueError, OSError, EOFError) as exc:
                    self._problem(f'Produce to {topic}/{index}: {exc}')
                    records, err = [], CORRUPT
                for key, value in records:
                    self._take(topic, key, value)
                parts.append((index, err))
            answers.append((topic, parts))
        with self._lock:
            self.produced += 1
        if acks == 0:
            return None
        out = head + i32(len(answers))
        for topic, parts in answers:
            out += string(topic) + i32(len(parts))
            out += b''.join(i32(index) + i16(err) + i64(0) + i64(-1) for index, err in parts)
        return out + i32(0)  # throttle_time_ms

    def _take(self, topic: str, key: bytes | None, value: bytes | None) -> None:
        meta = {'topic': topic, 'key': None if key is None else to_str(key)}
        try:
            record = json.loads(to_str(value or b''))
        except ValueError:
            self._problem(f'a message on {topic} is not JSON: {to_str(value or b"")[:200]!r}')
            return
        self._deliver(record, meta)
