"""The client's address behind reverse proxies (客户端地址).

Each proxy in front of the application appends the address it received the request from to a header
(``X-Forwarded-For: client, proxy1``) and connects to the next hop, so the request's chain of addresses is the header's
list followed by the socket peer (``REMOTE_ADDR``). Only the last ``trusted_proxies`` hops are ours: the address
just before them is the client, and anything further left was written by the client itself and may be made up.
With no trusted proxy the header is ignored entirely and the socket peer is the client.
"""

from __future__ import annotations

import ipaddress


def normalize(value: str | None) -> str | None:
    """One address as written by a proxy (``1.2.3.4``, ``1.2.3.4:5678``, ``[2001:db8::1]:443``) → its canonical
    text, or None when it is not an address."""
    if not value:
        return None
    text = value.strip().strip('"')
    if text.startswith("["):
        text = text[1 : text.find("]")] if "]" in text else text[1:]
    elif text.count(":") == 1:  # IPv4 with a port
        text = text.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def client_address(remote_addr: str | None, forwarded: str | None, trusted_proxies: int) -> str | None:
    """The client's address: ``remote_addr`` when no proxy is trusted; otherwise the address ``trusted_proxies``
    hops from the right of ``forwarded`` + ``remote_addr`` (the leftmost one when the chain is shorter, as every
    entry of a short chain was written by a trusted proxy). An entry that is no address falls back to the peer."""
    peer = normalize(remote_addr)
    if trusted_proxies <= 0 or not forwarded:
        return peer
    chain = [part for part in forwarded.split(",") if part.strip()]
    chain.append(remote_addr or "")
    chosen = chain[max(0, len(chain) - 1 - trusted_proxies)]
    return normalize(chosen) or peer
