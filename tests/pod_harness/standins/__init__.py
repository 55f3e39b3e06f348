"""Local stand-ins (fake servers on 127.0.0.1) for the log backends that
Fluent Bit and Fluentd ship to. See README.md."""

from .base import StandIn, Delivery          # base class and received-record type
from .registry import STANDINS, standin_for  # {'s3': S3StandIn, 'cloudwatch': ..., ...}

__all__ = ['StandIn', 'Delivery', 'STANDINS', 'standin_for']
