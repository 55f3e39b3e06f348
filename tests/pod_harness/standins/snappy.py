"""Pure-Python snappy (raw block format) decompression and a minimal
protobuf reader: enough for Loki's snappy+protobuf push format."""

from __future__ import annotations


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        b = data[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7
        if shift > 63:
            raise ValueError('varint too long')


def decompress(data: bytes) -> bytes:
    """Snappy raw block -> bytes (raises ValueError on corrupt input)."""
    try:
        length, pos = _varint(data, 0)
        out = bytearray()
        n = len(data)
        while pos < n:
            tag = data[pos]
            pos += 1
            kind = tag & 3
            if kind == 0:                       # literal
                ln = tag >> 2
                if ln >= 60:
                    extra = ln - 59
                    ln = int.from_bytes(data[pos:pos + extra], 'little')
                    pos += extra
                ln += 1
                out += data[pos:pos + ln]
                pos += ln
                continue
            if kind == 1:
                ln = ((tag >> 2) & 7) + 4
                off = ((tag >> 5) << 8) | data[pos]
                pos += 1
            elif kind == 2:
                ln = (tag >> 2) + 1
                off = int.from_bytes(data[pos:pos + 2], 'little')
                pos += 2
            else:
                ln = (tag >> 2) + 1
                off = int.from_bytes(data[pos:pos + 4], 'little')
                pos += 4
            if off == 0 or off > len(out):
                raise ValueError('bad snappy copy offset')
            start = len(out) - off
            for i in range(ln):                 # may overlap
                out.append(out[start + i])
        if len(out) != length:
            raise ValueError('snappy length mismatch')
        return bytes(out)
    except IndexError as exc:
        raise ValueError('truncated snappy data') from exc


def compress_literal(data: bytes) -> bytes:
    """Valid snappy encoding using literals only (for tests)."""
    out = bytearray()
    n = len(data)
    while True:
        out.append(n & 0x7F | (0x80 if n > 0x7F else 0))
        n >>= 7
        if not n:
            break
    for i in range(0, len(data), 65536):
        chunk = data[i:i + 65536]
        ln = len(chunk) - 1
        if ln < 60:
            out.append(ln << 2)
        elif ln < 256:
            out += bytes([60 << 2, ln])
        else:
            out += bytes([61 << 2]) + ln.to_bytes(2, 'little')
        out += chunk
    return bytes(out)


def protobuf_fields(data: bytes):
    """Yield (field_number, wire_type, value) of one protobuf message; value
    is int for varint/fixed, bytes for length-delimited."""
    pos = 0
    n = len(data)
    while pos < n:
        key, pos = _varint(data, pos)
        fno, wt = key >> 3, key & 7
        if wt == 0:
            val, pos = _varint(data, pos)
        elif wt == 1:
            val = int.from_bytes(data[pos:pos + 8], 'little')
            pos += 8
        elif wt == 2:
            ln, pos = _varint(data, pos)
            val = data[pos:pos + ln]
            if len(val) != ln:
                raise ValueError('truncated protobuf')
            pos += ln
        elif wt == 5:
            val = int.from_bytes(data[pos:pos + 4], 'little')
            pos += 4
        else:
            raise ValueError(f'unsupported protobuf wire type {wt}')
        yield fno, wt, val


def pb_varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def pb_field(fno: int, value: bytes | int) -> bytes:
    """Encode one field (bytes -> length-delimited, int -> varint)."""
    if isinstance(value, int):
        return pb_varint(fno << 3) + pb_varint(value)
    return pb_varint(fno << 3 | 2) + pb_varint(len(value)) + value
