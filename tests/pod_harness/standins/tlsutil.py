"""A throw-away self-signed certificate for TLS stand-ins (needs the
openssl command)."""

from __future__ import annotations

import os
import shutil
import ssl
import subprocess


def self_signed(directory: str, cn: str = '127.0.0.1') -> tuple[ssl.SSLContext, str]:
    """Create key+certificate (SAN IP:127.0.0.1, DNS:localhost) in directory.
    Returns (server SSLContext for StandIn(tls=...), path of the certificate
    to give the client as its CA file, e.g. Fluent Bit 'tls.ca_file')."""
    if not shutil.which('openssl'):
        raise RuntimeError('openssl command not found')
    key, crt = os.path.join(directory, 'standin.key'), os.path.join(directory, 'standin.crt')
    subprocess.run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', crt,
                    '-days', '7', '-subj', f'/CN={cn}',
                    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
                   check=True, capture_output=True)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(crt, key)
    return ctx, crt
