"""Site search (全站搜索): one function the search page calls; sources plug in through the registry.

Until the publishing module registers its index, there is no source and every search returns no result —
shown to the visitor as an honest empty result, never as a "coming soon" notice.
"""

from . import registry
from .registry import Hit

MAX_QUERY_LENGTH = 100


def normalize_query(raw: str | None) -> str:
    """Trim, collapse whitespace (including the full-width space) and cap the length of a query."""
    return " ".join((raw or "").replace("\u3000", " ").split())[:MAX_QUERY_LENGTH]


def rank(hit: Hit) -> tuple:
    """Results holding every word first; among them documents in force before repealed or expired ones (已废止,
    失效); then each source's score."""
    return (not hit.complete, not hit.in_force, -hit.score)


def search(query: str, limit: int = 50) -> list[Hit]:
    """Public results for ``query``, best first; an empty list for an empty query or when nothing matches."""
    query = normalize_query(query)
    if not query:
        return []
    hits: list[Hit] = []
    for provider in registry.search_providers():
        hits.extend(provider(query, limit))
    hits.sort(key=rank)
    return hits[:limit]
