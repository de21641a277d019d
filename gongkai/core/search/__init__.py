"""Chinese full-text search helpers (中文全文检索): segmentation, query parsing, snippets. No Django here.

Index side: :func:`index_tokens` turns a title and a body into two token streams per field —
``words`` (jieba segmentation, for ranking) and ``grams`` (overlapping CJK bigrams plus the last character of
every CJK run, for exact substring matching of any length, including one- and two-character queries).
Query side: :func:`parse_query` gives a :class:`Query` that compiles to an SQLite FTS5 ``MATCH`` expression or a
PostgreSQL ``tsquery`` plus the substrings a row must contain. :func:`highlight` cuts a snippet with ``<mark>``.
See docs/search.md for the design and its trade-offs.
"""

from .query import Phrase, Query, Term, parse_query
from .snippet import highlight
from .text import grams, index_tokens, normalize, words

__all__ = [
    "Phrase",
    "Query",
    "Term",
    "grams",
    "highlight",
    "index_tokens",
    "normalize",
    "parse_query",
    "words",
]
