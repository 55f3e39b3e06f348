"""Parsers for the agents' stdout outputs (no server needed).

parse_fluent_bit_stdout(text, fmt): Fluent Bit out_stdout with
  'format json_lines' (also 'json_stream', same layout): one JSON object per
  line, the timestamp under 'json_date_key' (default 'date', kept in the
  record as sent); 'format json': one JSON array of objects per flush.
  Lines that are not JSON (Fluent Bit's own log lines) are ignored.
parse_fluentd_stdout(text): Fluentd out_stdout. Its default formatter
  ('stdout' with output_type json; fluentd v1.19.3 out_stdout.rb:37-39,
  formatter_stdout.rb:41-42) prints '<time> <tag>: {json}' per event, e.g.
  '2026-01-05 10:00:00.123456789 +0000 ray: {"log":"..."}' -> meta
  {'tag': 'ray'}. With an explicit '<format> @type json </format>' Fluentd
  1.19.3 prints the bare JSON object only (checked with the real binary):
  such lines are taken too, with meta {'tag': None}. Fluentd's own log lines
  ('<time> [info]: ...') are ignored.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

from .base import Delivery

_FLUENTD_LINE = re.compile(
    r'^(?P<time>\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:\s?(?:[+-]\d{2}:?\d{2}|Z|UTC))?)'
    r' (?P<tag>\S+?): (?P<json>\{.*\})\s*$')


def _record_time(rec: dict, key: str = 'date') -> float | None:
    v = rec.get(key)
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return float(v)
    if isinstance(v, str):
        try:
            return datetime.fromisoformat(v.replace('Z', '+00:00')).timestamp()
        except ValueError:
            return None
    return None


def parse_fluent_bit_stdout(text: str, fmt: str = 'json_lines') -> list[Delivery]:
    if fmt not in ('json_lines', 'json_stream', 'json'):
        raise ValueError(f'unsupported Fluent Bit stdout format {fmt!r} '
                         f"(use 'json_lines', 'json_stream' or 'json')")
    out: list[Delivery] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line[0] not in '{[':
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        objs = obj if isinstance(obj, list) else [obj]
        if isinstance(obj, list) and fmt != 'json':
            continue
        for rec in objs:
            if isinstance(rec, dict):
                out.append(Delivery(rec, {}, 'stdout', _record_time(rec)))
    return out


def _fluentd_time(text: str) -> float | None:
    t = text.strip().replace(' UTC', '+0000').replace('Z', '+0000')
    m = re.match(r'^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?\s?([+-]\d{2}:?\d{2})?$', t)
    if not m:
        return None
    frac = m.group(3) or '0'
    tz = m.group(4) or '+0000'
    try:
        base = datetime.strptime(f'{m.group(1)} {m.group(2)} {tz.replace(":", "")}', '%Y-%m-%d %H:%M:%S %z')
    except ValueError:
        return None
    return base.timestamp() + float('0.' + frac)


def parse_fluentd_stdout(text: str) -> list[Delivery]:
    out: list[Delivery] = []
    for line in text.splitlines():
        line = line.rstrip('\r')
        m = _FLUENTD_LINE.match(line)
        if m:
            text_json, meta, when = m.group('json'), {'tag': m.group('tag')}, _fluentd_time(m.group('time'))
        elif line.startswith('{'):
            text_json, meta, when = line, {'tag': None}, None
        else:
            continue
        try:
            rec = json.loads(text_json)
        except ValueError:
            continue
        if isinstance(rec, dict):
            out.append(Delivery(rec, meta, 'stdout', when))
    return out
