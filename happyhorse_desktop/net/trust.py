"""The one place that builds TLS contexts: the operating system's trust store, or certifi's bundle.

Like pip, the app verifies certificates against the platform's own store through ``truststore`` (the
Windows certificate store, the macOS keychain, the distribution's CA bundle on Linux), so a company
CA that IT installed on the machine is trusted the way the browser trusts it. Where no platform store
can be used (``truststore`` missing, or a Linux without any CA bundle), certifi's bundle is used
instead. Either way every context verifies the certificate chain and the host name: no caller can
turn verification off, because nothing here takes such an argument.

On Linux, OpenSSL's ``SSL_CERT_FILE`` / ``SSL_CERT_DIR`` point the system store elsewhere (truststore
reads them at every handshake), which is how the tests trust a throwaway CA without touching the
machine's store.
"""

from __future__ import annotations

import functools
import os
import ssl
import sys
import threading
from dataclasses import dataclass

from happyhorse_desktop.i18n_core import translate

SYSTEM, CERTIFI = "system", "certifi"

# The CA bundles truststore itself looks for on Linux when OpenSSL's compiled-in paths are empty.
_LINUX_BUNDLES = (
    "/etc/ssl/cert.pem",
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
    "/etc/pki/tls/cert.pem",
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/ssl/ca-bundle.pem",
)

_lock = threading.Lock()


@dataclass(frozen=True)
class TrustStore:
    """Which certificates the app trusts: ``kind`` is ``system`` or ``certifi``; ``description`` says
    it in plain words (for the self-test and the connection check)."""

    kind: str
    description: str


def _linux_store_problem() -> str | None:
    """Why the Linux system store cannot be used (no CA bundle anywhere), or None when it can."""
    defaults = ssl.get_default_verify_paths()
    if defaults.cafile:
        return None
    if defaults.capath and os.path.isdir(defaults.capath) and any(os.scandir(defaults.capath)):
        return None
    if any(os.path.isfile(path) for path in _LINUX_BUNDLES):
        return None
    return translate("TrustStore", "no system CA bundle was found")


def _platform_store() -> tuple[type[ssl.SSLContext] | None, str]:
    """truststore's context class and the platform store's name, or None and why it cannot be used."""
    try:
        import truststore
    except ImportError:  # an install without it (it is a dependency): say so rather than fail
        return None, translate("TrustStore", "truststore is not installed")
    if sys.platform == "win32":
        return truststore.SSLContext, translate("TrustStore", "the Windows certificate store")
    if sys.platform == "darwin":
        return truststore.SSLContext, translate("TrustStore", "the macOS keychain")
    problem = _linux_store_problem()
    if problem:
        return None, problem
    paths = ssl.get_default_verify_paths()
    where = os.environ.get("SSL_CERT_FILE") or os.environ.get("SSL_CERT_DIR") or paths.cafile or paths.capath
    return truststore.SSLContext, translate("TrustStore", "the system's CA certificates") + (
        f" ({where})" if where else ""
    )


def certifi_context() -> ssl.SSLContext:
    """A verifying context with certifi's bundle only: the fallback when no platform store exists."""
    import certifi

    context = ssl.create_default_context(cafile=certifi.where())
    return _checked(context)


def _checked(context: ssl.SSLContext) -> ssl.SSLContext:
    # Belt and braces: whatever built the context, it verifies the chain and the host name.
    context.verify_mode = ssl.CERT_REQUIRED
    context.check_hostname = True
    return context


@functools.cache
def _build(purpose: str) -> tuple[ssl.SSLContext, TrustStore]:
    store_class, name = _platform_store()
    if store_class is not None:
        context = store_class(ssl.PROTOCOL_TLS_CLIENT)
        return _checked(context), TrustStore(
            SYSTEM, translate("TrustStore", "operating system trust store: ") + name
        )
    import certifi

    version = getattr(certifi, "__version__", "")
    description = translate(
        "TrustStore", "certifi's CA bundle {version} (the system store is unavailable: {why})"
    )
    return certifi_context(), TrustStore(CERTIFI, description.format(version=version, why=name))


def trust_context(purpose: str = "api") -> ssl.SSLContext:
    """The verifying TLS context for ``purpose`` (``api``: the shared async client; ``download``: the
    result downloader; ``check``: the connection check). One context per purpose, because httpx sets
    ALPN (HTTP/2 or not) on the context it is given. Loading certifi's bundle takes tens of ms: call
    this off the UI thread the first time."""
    with _lock:
        return _build(purpose)[0]


def trust_store() -> TrustStore:
    """Which store the app's contexts trust."""
    with _lock:
        return _build("api")[1]


def reset() -> None:
    """Forget the contexts built so far (tests that change which store exists)."""
    with _lock:
        _build.cache_clear()


def self_test_check() -> tuple[bool, str]:
    """For ``--self-test``: a verifying context can be built, and which store it trusts. Fails only
    when neither the platform store nor certifi's bundle can be used (e.g. a bundle without
    certifi's data file on a machine with no CA store)."""
    try:
        reset()
        context, store = _build("api")
        if store.kind == CERTIFI:
            import certifi

            if not os.path.isfile(certifi.where()):
                return False, store.description + f"; {certifi.where()} is missing"
        if context.verify_mode != ssl.CERT_REQUIRED:
            return False, "verification is off"
    except Exception as exc:  # the report names the problem instead of a traceback
        return False, f"neither the system's store nor certifi's ({type(exc).__name__}: {exc})"
    return True, store.description
