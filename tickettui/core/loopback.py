"""Is a URL's host this machine? Plain ``http://`` is allowed there only.

Only the literal name ``localhost`` and loopback address literals count. A name like
``evil.localhost`` or ``127.0.0.1.nip.io`` is whatever DNS (or ``/etc/hosts``, or a captive
resolver) makes of it, and a password sent in the clear to it could leave the machine.
"""

from __future__ import annotations

import ipaddress

__all__ = ["is_loopback"]


def is_loopback(host: str) -> bool:
    """``localhost``, 127.0.0.0/8, ``::1`` or ``::ffff:127.x.y.z``; never another name."""
    name = host.strip().strip("[]").rstrip(".").lower()
    if name == "localhost":
        return True
    try:
        address = ipaddress.ip_address(name.split("%", 1)[0])  # fe80::1%eth0: a zone suffix
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback
