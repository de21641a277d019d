"""The client address behind N trusted proxies: the address N hops from the right of header + peer; nothing a
client writes into the header moves it."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.clientaddr import client_address, normalize

PROXY = "127.0.0.1"


@pytest.mark.parametrize(
    ("remote", "forwarded", "proxies", "expected"),
    [
        # No proxy trusted: the header is ignored whatever it says.
        ("198.51.100.7", "1.1.1.1", 0, "198.51.100.7"),
        ("198.51.100.7", None, 0, "198.51.100.7"),
        # One proxy (nginx appends the peer it saw): the last header entry is the client.
        (PROXY, "203.0.113.5", 1, "203.0.113.5"),
        (PROXY, "1.1.1.1, 203.0.113.5", 1, "203.0.113.5"),  # the client's own made-up entry is skipped
        (PROXY, "10.0.0.1,8.8.8.8 , 203.0.113.5", 1, "203.0.113.5"),
        # Two proxies (a load balancer, then nginx).
        (PROXY, "1.1.1.1, 203.0.113.5, 192.0.2.10", 2, "203.0.113.5"),
        # A chain shorter than the trusted hops: its leftmost entry, written by a trusted proxy.
        (PROXY, "203.0.113.5", 3, "203.0.113.5"),
        # Trusted proxies but no header (a health check on the socket): the peer.
        (PROXY, "", 1, PROXY),
        # Ports and brackets as some proxies write them; IPv6 in canonical form.
        (PROXY, "203.0.113.5:51234", 1, "203.0.113.5"),
        (PROXY, "[2001:DB8::0:1]:443", 1, "2001:db8::1"),
        (PROXY, "2001:db8::1", 1, "2001:db8::1"),
        # Garbage where the client should be: the peer, never the garbage.
        (PROXY, "unknown", 1, PROXY),
        (PROXY, "1.1.1.1, <script>", 1, PROXY),
    ],
)
def test_client_address(remote, forwarded, proxies, expected):
    assert client_address(remote, forwarded, proxies) == expected


def test_normalize_refuses_what_is_not_an_address():
    assert normalize("") is None and normalize("999.1.1.1") is None and normalize("localhost") is None
    assert normalize(" 203.0.113.5 ") == "203.0.113.5"


addresses = st.ip_addresses().map(str)


@given(
    spoofed=st.lists(st.text(max_size=20) | addresses, max_size=5),
    client=addresses,
    proxies=st.integers(1, 3),
)
def test_what_the_client_writes_never_becomes_its_address(spoofed, client, proxies):
    """Whatever a client puts in the header, each trusted proxy appends the real hop: the result is the client."""
    hops = [f"192.0.2.{i}" for i in range(1, proxies)]
    header = ", ".join([*[s.replace(",", " ") for s in spoofed], client, *hops])
    assert client_address("127.0.0.1", header, proxies) == str(normalize(client))
