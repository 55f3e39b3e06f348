"""Fluentd forward protocol (v1) stand-in, judging entries the way
Fluentd's in_forward does (fluentd v1.19.3 lib/fluent/plugin/in_forward.rb):

* skip_invalid_event defaults to true (in_forward.rb:60), so every entry
  goes through invalid_event? (in_forward.rb:369-371): the time must be an
  Integer or an EventTime (ext type 0), the record a Hash and the tag a
  String; anything else is dropped with 'skip invalid event'. A float time
  is dropped too.
* Forward mode (entries is an Array), PackedForward (entries is a String /
  bin of concatenated msgpack) and CompressedPackedForward (option
  'compressed' => 'gzip') and Message mode are told apart by the type of
  msg[1] (in_forward.rb:309-363).
* The option 'chunk' is answered with {'ack' => chunk} (in_forward.rb:277);
  Fluent Bit requires the ack value to be a msgpack str
  (fluent-bit plugins/out_forward/forward.c: 'val.type != MSGPACK_OBJECT_STR').
* A nil message is a heartbeat (ignored); a stream starting with '{' or '['
  is JSON instead of msgpack (in_forward.rb read_messages).
"""

from __future__ import annotations

import gzip
import json
import socket
import socketserver
import threading

import msgpack

from .base import StandIn, ThreadingTCPServer, decode_bytes, to_str


class EventTime:
    """Fluentd EventTime (msgpack ext type 0: uint32 sec, uint32 nsec, big-endian)."""
    __slots__ = ('sec', 'nsec')

    def __init__(self, sec: int, nsec: int = 0):
        self.sec, self.nsec = sec, nsec

    def __float__(self):
        return self.sec + self.nsec / 1e9

    def __repr__(self):
        return f'EventTime({self.sec}, {self.nsec})'

    def __eq__(self, other):
        return isinstance(other, EventTime) and (self.sec, self.nsec) == (other.sec, other.nsec)

    def to_ext(self) -> msgpack.ExtType:
        return msgpack.ExtType(0, self.sec.to_bytes(4, 'big') + self.nsec.to_bytes(4, 'big'))


def _ext_hook(code: int, data: bytes):
    if code == 0 and len(data) == 8:
        return EventTime(int.from_bytes(data[:4], 'big'), int.from_bytes(data[4:], 'big'))
    return msgpack.ExtType(code, data)


def pack(obj) -> bytes:
    """msgpack with EventTime support (str as str, bytes as bin)."""
    def default(o):
        if isinstance(o, EventTime):
            return o.to_ext()
        raise TypeError(f'cannot pack {type(o)}')
    return msgpack.packb(obj, default=default, use_bin_type=True)


def new_unpacker() -> msgpack.Unpacker:
    return msgpack.Unpacker(raw=True, ext_hook=_ext_hook, strict_map_key=False,
                            max_buffer_size=1 << 30)


def ruby_type(v) -> str:
    if v is None:
        return 'nil'
    if isinstance(v, bool):
        return 'boolean'
    if isinstance(v, float):
        return 'float'
    if isinstance(v, (bytes, str)):
        return 'string'
    if isinstance(v, (list, tuple)):
        return 'array'
    if isinstance(v, dict):
        return 'map'
    if isinstance(v, msgpack.ExtType):
        return f'ext type {v.code}'
    return type(v).__name__


class ForwardStandIn(StandIn):
    kind = 'forward'

    def __init__(self, tls=None):
        super().__init__(tls)
        self.acks_sent = 0
        self.heartbeats = 0
        self._udp: socket.socket | None = None

    # -- server -------------------------------------------------------------
    def _make_server(self):
        standin = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                standin._serve_connection(self.request)

        server = ThreadingTCPServer(('127.0.0.1', 0), Handler)
        server.tls_context = self.tls
        server.standin = self
        return server

    def start(self):
        super().start()
        # in_forward also answers UDP heartbeats on the same port
        try:
            self._udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            self._udp.bind(('127.0.0.1', self.port))
            self._udp.settimeout(0.2)
            threading.Thread(target=self._udp_loop, daemon=True,
                             name=f'standin-forward-udp-{self.port}').start()
        except OSError:
            self._udp = None
        return self

    def stop(self):
        udp, self._udp = self._udp, None
        if udp is not None:
            udp.close()
        super().stop()

    def _udp_loop(self):
        while self._udp is not None:
            try:
                data, addr = self._udp.recvfrom(128)
            except socket.timeout:
                continue
            except OSError:
                return
            with self._lock:
                self.heartbeats += 1
            try:
                self._udp.sendto(b'\x00', addr)
            except OSError:
                pass

    def _serve_connection(self, sock) -> None:
        unpacker = None
        json_buf = ''
        decoder = json.JSONDecoder()
        while True:
            try:
                data = sock.recv(1 << 16)
            except (OSError, ConnectionError):
                return
            if not data:
                return
            if unpacker is None and not json_buf and data[:1] in (b'{', b'['):
                json_buf = to_str(data)
                mode = 'json'
            elif json_buf:
                json_buf += to_str(data)
                mode = 'json'
            else:
                mode = 'msgpack'
            if mode == 'json':
                while json_buf.strip():
                    try:
                        obj, end = decoder.raw_decode(json_buf.lstrip())
                    except ValueError:
                        break
                    json_buf = json_buf.lstrip()[end:]
                    reply = self._on_message(obj, from_json=True)
                    if reply is not None:
                        sock.sendall(json.dumps(reply).encode())
                continue
            if unpacker is None:
                unpacker = new_unpacker()
            unpacker.feed(data)
            try:
                for msg in unpacker:
                    reply = self._on_message(msg)
                    if reply is not None:
                        sock.sendall(pack(reply))
            except (msgpack.ExtraData, msgpack.FormatError, msgpack.StackError, ValueError) as exc:
                self._problem(f'broken msgpack stream: {type(exc).__name__}: {exc}')
                return

    # -- protocol -------------------------------------------------------------
    def _on_message(self, msg, from_json: bool = False):
        self._count_request()
        if msg is None:
            with self._lock:
                self.heartbeats += 1
            return None
        if not isinstance(msg, list) or len(msg) < 2:
            self._problem(f'incoming chunk is broken: {decode_bytes(msg)!r}'[:300])
            return None
        tag = msg[0]
        if not isinstance(tag, (bytes, str)):
            self._problem(f'Fluentd would reject: tag is {ruby_type(tag)}')
            return None
        tag = to_str(tag)
        entries = msg[1]
        option = None
        if isinstance(entries, (bytes, str)) and not from_json:
            option = msg[2] if len(msg) > 2 else None
            option = decode_bytes(option) if isinstance(option, dict) else {}
            raw = entries if isinstance(entries, bytes) else entries.encode('utf-8', 'surrogateescape')
            compressed = option.get('compressed')
            if compressed and compressed != 'text':
                if compressed != 'gzip':
                    self._problem(f'CompressedPackedForward with compressed={compressed!r}: '
                                  f'stand-in cannot decode it, entries not counted')
                    return self._response(option)
                try:
                    raw = gzip.decompress(raw)
                except (OSError, EOFError) as exc:
                    self._problem(f'CompressedPackedForward: bad gzip: {exc}')
                    return None
            up = new_unpacker()
            up.feed(raw)
            try:
                items = list(up)
            except (msgpack.ExtraData, msgpack.FormatError, msgpack.StackError, ValueError) as exc:
                self._problem(f'PackedForward: broken entries: {exc}')
                return None
            for e in items:
                self._entry(tag, e)
            if isinstance(option.get('size'), int) and option['size'] != len(items):
                self._problem(f'PackedForward: option size {option["size"]} but {len(items)} entries')
        elif isinstance(entries, list):
            option = msg[2] if len(msg) > 2 else None
            for e in entries:
                self._entry(tag, e)
        else:
            # Message mode: [tag, time, record, option?]
            option = msg[3] if len(msg) > 3 else None
            self._entry(tag, [msg[1], msg[2] if len(msg) > 2 else None], message_mode=True)
        option = decode_bytes(option) if isinstance(option, dict) else None
        return self._response(option)

    def _response(self, option):
        if option and option.get('chunk'):
            with self._lock:
                self.acks_sent += 1
            return {'ack': option['chunk']}
        return None

    def _entry(self, tag: str, e, message_mode: bool = False) -> None:
        if not isinstance(e, list) or len(e) < 2:
            self._problem(f'Fluentd would reject: entry is {ruby_type(e)} {decode_bytes(e)!r}'[:300])
            return
        time, record = e[0], e[1]
        if record is None:                       # in_forward skips nil records
            self._problem('Fluentd would drop: entry record is nil')
            return
        if not (isinstance(time, EventTime) or (isinstance(time, int) and not isinstance(time, bool))):
            self._problem(f'Fluentd would reject: entry time is {ruby_type(time)} '
                          f'({decode_bytes(time)!r})'[:300])
            return
        if not isinstance(record, dict):
            self._problem(f'Fluentd would reject: entry record is {ruby_type(record)}')
            return
        self._deliver(record, {'tag': tag}, float(time))
