"""Name -> stand-in class."""

from __future__ import annotations

from .azure_blob import AzureBlobStandIn
from .base import StandIn
from .cloudwatch import CloudWatchStandIn
from .datadog import DatadogStandIn
from .firehose import FirehoseStandIn
from .forward import ForwardStandIn
from .http import HttpStandIn
from .kafka import KafkaStandIn
from .loki import LokiStandIn
from .opentelemetry import OpenTelemetryStandIn
from .s3 import S3StandIn
from .search import ElasticsearchStandIn, OpenSearchStandIn
from .splunk import SplunkStandIn
from .stackdriver import StackdriverStandIn

STANDINS: dict[str, type[StandIn]] = {
    's3': S3StandIn,
    'cloudwatch': CloudWatchStandIn,
    'elasticsearch': ElasticsearchStandIn,
    'opensearch': OpenSearchStandIn,
    'loki': LokiStandIn,
    'azure_blob': AzureBlobStandIn,
    'forward': ForwardStandIn,
    'stackdriver': StackdriverStandIn,
    'kinesis_firehose': FirehoseStandIn,
    'opentelemetry': OpenTelemetryStandIn,
    'splunk': SplunkStandIn,
    'http': HttpStandIn,
    'datadog': DatadogStandIn,
    'kafka': KafkaStandIn,
}


def standin_for(kind: str) -> type[StandIn]:
    """The stand-in class for a backend name (KeyError if unknown)."""
    try:
        return STANDINS[kind]
    except KeyError:
        raise KeyError(f'no stand-in for {kind!r}; known: {sorted(STANDINS)}') from None
