"""Elasticsearch 8 and OpenSearch 2 stand-ins (bulk API).

Fluent Bit out_es/out_opensearch POST NDJSON to '<path>/_bulk' and treat a
200/201 answer containing '"errors":false,"items":[' as success
(plugins/out_es/es.c, the strstr on the response). The Elasticsearch ruby
client 8 (Fluentd's fluent-plugin-elasticsearch) first GETs '/' and
checks the X-elastic-product header."""

from __future__ import annotations

import json
import threading
import uuid

from .base import HTTPStandIn, Request, Response, json_dumps, to_str

ACTIONS = ('index', 'create', 'update', 'delete')


class _SearchStandIn(HTTPStandIn):
    product_headers: dict = {}

    def __init__(self, tls=None):
        super().__init__(tls)
        self._seq = 0
        self._slock = threading.Lock()

    def info(self) -> dict:
        raise NotImplementedError

    def _json(self, req: Request, body, status: int = 200) -> Response:
        ct = 'application/json'
        accept = req.header('Accept') or ''
        if 'vnd.elasticsearch+json' in accept:
            ct = 'application/vnd.elasticsearch+json;compatible-with=8'
        return Response(status, json_dumps(body), headers=dict(self.product_headers), content_type=ct)

    def handle(self, req: Request) -> Response:
        path = req.path.rstrip('/') or '/'
        parts = [p for p in path.split('/') if p]
        if parts and parts[-1] == '_bulk' and req.method in ('POST', 'PUT'):
            index = parts[0] if len(parts) == 2 else None
            return self._bulk(req, index)
        if path == '/':
            return self._json(req, self.info())
        if parts[:1] == ['_nodes']:
            port = self.port
            return self._json(req, {
                '_nodes': {'total': 1, 'successful': 1, 'failed': 0}, 'cluster_name': 'standin',
                'nodes': {'standin-node': {
                    'name': 'standin', 'host': '127.0.0.1', 'ip': '127.0.0.1',
                    'version': self.info()['version']['number'], 'roles': ['data', 'ingest', 'master'],
                    'http': {'bound_address': [f'127.0.0.1:{port}'], 'publish_address': f'127.0.0.1:{port}'}}}})
        if parts[:2] == ['_cluster', 'health']:
            return self._json(req, {'cluster_name': 'standin', 'status': 'green', 'number_of_nodes': 1})
        # templates, ILM, aliases, index creation, refresh...: accept
        return self._json(req, {'acknowledged': True} if req.method in ('PUT', 'POST') else {})

    def _bulk(self, req: Request, path_index: str | None) -> Response:
        try:
            data = req.body()
        except (ValueError, OSError, EOFError) as exc:
            self._problem(f'_bulk: cannot decode body: {exc}')
            return self._json(req, _es_error('parse_exception', str(exc)), 400)
        lines = [ln for ln in data.split(b'\n') if ln.strip()]
        if not lines:
            self._problem('_bulk: empty body')
            return self._json(req, _es_error('action_request_validation_exception',
                                             'Validation Failed: 1: no requests added;'), 400)
        if not data.endswith(b'\n'):
            self._problem('_bulk: body does not end with a newline')
            return self._json(req, _es_error('illegal_argument_exception',
                                             'The bulk request must be terminated by a newline [\\n]'), 400)
        items = []
        i = 0
        pending = []
        while i < len(lines):
            n = i + 1
            try:
                action = json.loads(to_str(lines[i]))
            except ValueError as exc:
                self._problem(f'_bulk line {n}: action is not JSON: {exc}')
                return self._json(req, _es_error('x_content_parse_exception', f'line {n}: {exc}'), 400)
            if not (isinstance(action, dict) and len(action) == 1 and next(iter(action)) in ACTIONS
                    and isinstance(next(iter(action.values())), dict)):
                self._problem(f'_bulk line {n}: bad action line {to_str(lines[i])[:200]!r}')
                return self._json(req, _es_error('illegal_argument_exception',
                                                 f'Malformed action/metadata line [{n}]'), 400)
            op, meta = next(iter(action.items()))
            if '_type' in meta:
                self._problem(f'_bulk line {n}: action has _type ({meta["_type"]!r}); '
                              f'{self.kind} rejects mapping types (set Suppress_Type_Name On)')
                return self._json(req, _es_error(
                    'illegal_argument_exception',
                    f'Action/metadata line [{n}] contains an unknown parameter [_type]'), 400)
            index = meta.get('_index') or path_index
            if not index:
                self._problem(f'_bulk line {n}: no _index and no index in the path')
                return self._json(req, _es_error('action_request_validation_exception',
                                                 'Validation Failed: 1: index is missing;'), 400)
            source = None
            if op != 'delete':
                i += 1
                if i >= len(lines):
                    self._problem(f'_bulk line {n}: {op} action without a source line')
                    return self._json(req, _es_error('illegal_argument_exception',
                                                     'The bulk request must be terminated by a newline [\\n]'), 400)
                try:
                    source = json.loads(to_str(lines[i]))
                except ValueError as exc:
                    source = exc
            i += 1
            pending.append((op, meta, index, source, n))

        with self._slock:
            for op, meta, index, source, n in pending:
                self._seq += 1
                doc_id = meta.get('_id') or uuid.uuid4().hex[:20]
                item = {'_index': index, '_id': doc_id, '_version': 1,
                        '_shards': {'total': 1, 'successful': 1, 'failed': 0},
                        '_seq_no': self._seq, '_primary_term': 1}
                if op == 'delete':
                    item.update(result='not_found', status=404)
                    items.append({op: item})
                    continue
                if op == 'update':
                    doc = source.get('doc') if isinstance(source, dict) else None
                    if doc is None and isinstance(source, dict):
                        doc = source.get('upsert')
                    source = doc if doc is not None else source
                if not isinstance(source, dict):
                    self._problem(f'_bulk line {n + 1}: source is not a JSON object: {source!r}'[:300])
                    items.append({op: {'_index': index, '_id': doc_id, 'status': 400, 'error': {
                        'type': 'mapper_parsing_exception', 'reason': 'failed to parse'}}})
                    continue
                if '_id' in source or '_index' in source:
                    self._problem(f'_bulk line {n + 1}: metadata field in source '
                                  f'({[k for k in source if k in ("_id", "_index")]})')
                    items.append({op: {'_index': index, '_id': doc_id, 'status': 400, 'error': {
                        'type': 'document_parsing_exception',
                        'reason': 'Field [_id] is a metadata field and cannot be added inside a document.'}}})
                    continue
                self._deliver(source, {'index': index})
                item.update(result='created', status=201)
                items.append({op: item})
        errors = any(next(iter(it.values())).get('status', 200) >= 300 and
                     next(iter(it.values())).get('status') != 404 for it in items)
        return self._json(req, {'took': 1, 'errors': errors, 'items': items})


def _es_error(typ: str, reason: str) -> dict:
    return {'error': {'root_cause': [{'type': typ, 'reason': reason}], 'type': typ, 'reason': reason},
            'status': 400}


class ElasticsearchStandIn(_SearchStandIn):
    kind = 'elasticsearch'
    product_headers = {'X-elastic-product': 'Elasticsearch'}

    def info(self):
        return {'name': 'standin', 'cluster_name': 'standin', 'cluster_uuid': 'c0ffee0000000000000000',
                'version': {'number': '8.15.0', 'build_flavor': 'default', 'build_type': 'docker',
                            'build_hash': '0' * 40, 'build_date': '2024-08-05T10:05:34.233336849Z',
                            'build_snapshot': False, 'lucene_version': '9.11.1',
                            'minimum_wire_compatibility_version': '7.17.0',
                            'minimum_index_compatibility_version': '7.0.0'},
                'tagline': 'You Know, for Search'}


class OpenSearchStandIn(_SearchStandIn):
    kind = 'opensearch'

    def info(self):
        return {'name': 'standin', 'cluster_name': 'standin', 'cluster_uuid': 'c0ffee0000000000000000',
                'version': {'distribution': 'opensearch', 'number': '2.17.0', 'build_type': 'tar',
                            'build_hash': '0' * 40, 'build_date': '2024-09-13T00:00:00.000000Z',
                            'build_snapshot': False, 'lucene_version': '9.11.1',
                            'minimum_wire_compatibility_version': '7.10.0',
                            'minimum_index_compatibility_version': '7.0.0'},
                'tagline': 'The OpenSearch Project: https://opensearch.org/'}
