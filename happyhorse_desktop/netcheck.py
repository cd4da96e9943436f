"""Checks on URLs and hosts: which bases the client may talk to, which hosts count as private."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


class UnsafeURLError(ValueError):
    """A URL the app refuses to use (wrong scheme, or plain HTTP to a non-loopback host)."""


def literal_ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP address a host name spells literally (IPv6 brackets and zone ids allowed), else None."""
    host = host.strip("[]").split("%", 1)[0]
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def is_loopback_host(host: str) -> bool:
    if host.lower().rstrip(".") in {"localhost", "localhost.localdomain"}:
        return True
    ip = literal_ip(host)
    return ip is not None and ip.is_loopback


def is_non_public_host(host: str) -> bool:
    """True for loopback/private/link-local/reserved literal IPs and local-only names."""
    lowered = host.lower().rstrip(".")
    if is_loopback_host(lowered) or lowered.endswith((".localhost", ".local", ".internal", ".lan")):
        return True
    ip = literal_ip(lowered)
    if ip is None:
        return False
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
    )


def check_base_url(url: str) -> str:
    """Return the base URL without a trailing slash, or raise :class:`UnsafeURLError`."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise UnsafeURLError(f"not an http(s) URL: {url!r}")
    if parts.scheme == "http" and not is_loopback_host(parts.hostname):
        raise UnsafeURLError(f"plain http is only allowed to this computer (loopback), not {parts.hostname}")
    return url.strip().rstrip("/")
