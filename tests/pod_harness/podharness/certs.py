"""A throw-away CA and a server certificate for 127.0.0.1, so outputs that speak TLS keep doing
so against the stand-ins: the pods trust the CA (it is their CA bundle), nothing is switched off."""
import os
import shutil
import ssl
import subprocess


def make(folder):
    """(ssl.SSLContext for the stand-ins, a folder to mount as the pods' /etc/ssl/certs), or (None, None)."""
    os.makedirs(folder, exist_ok=True)
    ca_key, ca_crt = os.path.join(folder, "ca.key"), os.path.join(folder, "ca.crt")
    key, csr, crt = (os.path.join(folder, n) for n in ("srv.key", "srv.csr", "srv.crt"))
    ext = os.path.join(folder, "ext.cnf")
    with open(ext, "w") as f:
        # DNS first: Ruby 3.1's OpenSSL#verify_certificate_identity raises on an IP entry it
        # meets before a match (the harness's Ruby, not the image's); Fluentd TLS goes to localhost.
        f.write("subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n")
    try:
        run = lambda *a: subprocess.run(a, check=True, capture_output=True)
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca_key, "-out", ca_crt,
            "-days", "2", "-subj", "/CN=raylog-harness-ca")
        run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr, "-subj", "/CN=127.0.0.1")
        run("openssl", "x509", "-req", "-in", csr, "-CA", ca_crt, "-CAkey", ca_key, "-CAcreateserial", "-out", crt,
            "-days", "2", "-extfile", ext)
    except (OSError, subprocess.CalledProcessError):
        return None, None
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(crt, key)
    # The pods' /etc/ssl/certs: the bundle under the names engines look for (Debian's
    # ca-certificates.crt; Fluent Bit's FLB_DEFAULT_SEARCH_CA_BUNDLE ca-bundle.crt) and the
    # hashed name OpenSSL's CA directory lookup uses (Fluent Bit's FLB_DEFAULT_CA_DIR).
    store = os.path.join(folder, "etc-ssl-certs")
    os.makedirs(store, exist_ok=True)
    digest = subprocess.run(["openssl", "x509", "-hash", "-noout", "-in", ca_crt], check=True,
                            capture_output=True, text=True).stdout.strip()
    for name in ("ca-certificates.crt", "ca-bundle.crt", f"{digest}.0"):
        shutil.copy(ca_crt, os.path.join(store, name))
    return ctx, store
