"""Query parsing (检索式解析): what the visitor typed → what the index must match.

A query is split into *terms* at whitespace (a quoted "…" or “…” term is kept whole); every term must match
(AND). Within a term, punctuation splits it into *phrases* that must all occur (``〔2023〕26号`` → ``2023`` and
``26号``). A phrase matches where its text occurs as a substring (after :func:`text.normalize`), which the
gram stream of the index expresses exactly (see ``text``). An unquoted CJK term of three or more characters that
jieba cuts into several words may also match with its words apart: ``农机补贴`` finds "农机购置补贴" too,
ranked below the exact phrase. So the results always include every item holding the exact substring (recall 1
against substring matching), and a little more for multi-word Chinese queries.

Compilers: :meth:`Query.fts5` (SQLite FTS5 ``MATCH``: phrases with adjacency, exact by themselves) and
:meth:`Query.tsquery` (PostgreSQL: the grams ANDed, a candidate filter; rows are then checked with the substrings
of :meth:`Query.conditions` unless every phrase is a single gram).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .text import normalize, query_words, run_grams, runs

MAX_TERMS = 8
MAX_TERM_LENGTH = 40
_TERM_RE = re.compile(r'"([^"]+)"|“([^”]+)”|(\S+)')
_SEGMENT_RE = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Phrase:
    """A substring that must occur: its normalized text and its gram tokens (the last one maybe a prefix)."""

    text: str
    tokens: tuple[str, ...]
    prefix: bool = False

    @property
    def single_gram(self) -> bool:
        """One token: a gram match proves the substring without positions (no re-check needed)."""
        return len(self.tokens) == 1

    @property
    def is_word(self) -> bool:
        """A run of two or more CJK characters: may also appear in the jieba word stream (ranking)."""
        return (
            len(self.text) >= 2
            and all(kind == "cjk" for kind, _ in runs(self.text))
            and len(runs(self.text)) == 1
        )


@dataclass(frozen=True)
class Term:
    """One term as typed; matches when any option holds (an option = phrases that must all occur)."""

    text: str
    options: tuple[tuple[Phrase, ...], ...]


def phrase_of(segment: str) -> Phrase | None:
    """The gram tokens of a substring (``segment`` is normalized and holds no separator).

    Ends of the segment are *open* (the match may sit inside a longer run of the text): a CJK run open on the left
    starts anywhere inside a text run, so it is its bigrams; closed on the right (a digit follows) it must end its
    text run, so the run's final character is added; a single character open on the right is a prefix (the bigram
    that starts with it, or the run-final character itself).
    """
    parts = runs(segment)
    if not parts:
        return None
    tokens: list[str] = []
    prefix = False
    last = len(parts) - 1
    for i, (kind, run) in enumerate(parts):
        right_open = i == last
        if kind == "alnum" or len(run) == 1:
            tokens.append(run)
            prefix = right_open
        else:
            grams = run_grams(kind, run)
            tokens.extend(grams[:-1] if right_open else grams)
            prefix = False
    return Phrase(segment, tuple(tokens), prefix)


def _phrases(text: str) -> tuple[Phrase, ...]:
    """One phrase per stretch of letters, digits and CJK (punctuation and spaces separate them)."""
    out = []
    for segment in _SEGMENT_RE.findall(text):
        phrase = phrase_of(segment)
        if phrase is not None and phrase not in out:
            out.append(phrase)
    return tuple(out)


def _term(raw: str, quoted: bool) -> Term | None:
    text = normalize(raw)[:MAX_TERM_LENGTH]
    exact = _phrases(text)
    if not exact:
        return None
    options = [exact]
    if not quoted and len(exact) == 1 and exact[0].is_word and len(exact[0].text) >= 3:
        parts = [w for w in query_words(exact[0].text) if len(w) >= 2]
        if len(parts) >= 2:
            split = tuple(p for p in (phrase_of(w) for w in dict.fromkeys(parts)) if p is not None)
            if split and split != exact:
                options.append(split)
    return Term(raw, tuple(options))


@dataclass(frozen=True)
class Query:
    terms: tuple[Term, ...] = ()
    words: tuple[str, ...] = field(default=())  # jieba words of the whole query, for ranking

    def __bool__(self) -> bool:
        return bool(self.terms)

    # --- SQLite FTS5 ---------------------------------------------------------------------------------------------
    def fts5(
        self,
        gram_columns: Sequence[str] = ("title_grams", "body_grams"),
        word_columns: Sequence[str] = ("title_words", "body_words"),
    ) -> str:
        """A MATCH expression. Word columns are ORed in beside each word phrase so BM25 rewards real words."""
        grams = "{" + " ".join(gram_columns) + "}"
        words = "{" + " ".join(word_columns) + "}" if word_columns else ""
        terms = []
        for term in self.terms:
            options = []
            for option in term.options:
                parts = []
                for p in option:
                    expr = f'{grams} : "{" ".join(p.tokens)}"' + (" *" if p.prefix else "")
                    if words and p.is_word:
                        expr = f'({expr} OR {words} : "{p.text}")'
                    parts.append(expr)
                options.append("(" + " AND ".join(parts) + ")")
            terms.append("(" + " OR ".join(options) + ")")
        return " AND ".join(terms)

    # --- PostgreSQL ----------------------------------------------------------------------------------------------
    def tsquery(self, weight: str = "") -> str:
        """Grams ANDed per phrase (positions are not trusted: PostgreSQL caps them at 16383)."""
        terms = []
        for term in self.terms:
            options = []
            for option in term.options:
                toks = []
                for p in option:
                    for i, tok in enumerate(p.tokens):
                        last = i == len(p.tokens) - 1
                        suffix = ":*" if (p.prefix and last) else (":" if weight else "")
                        toks.append(f"'{tok}'{suffix}{weight}")
                options.append("(" + " & ".join(dict.fromkeys(toks)) + ")")
            terms.append("(" + " | ".join(options) + ")")
        return " & ".join(terms)

    def rank_tsquery(self) -> str:
        """The query's words ORed (for ``ts_rank``); falls back to the grams when jieba gives no word."""
        tokens = [w for w in self.words if w]
        if not tokens:
            tokens = [
                tok for term in self.terms for option in term.options for p in option for tok in p.tokens
            ]
        return " | ".join(f"'{t}'" for t in dict.fromkeys(tokens))

    def conditions(self) -> list[list[list[str]]]:
        """Per term, per option, the substrings to re-check (empty option list = the grams are proof enough)."""
        out = []
        for term in self.terms:
            if all(p.single_gram for option in term.options for p in option):
                continue
            out.append([[p.text for p in option] for option in term.options])
        return out

    def needles(self) -> list[str]:
        """Every substring worth highlighting, longest first."""
        seen = {p.text for term in self.terms for option in term.options for p in option}
        return sorted(seen, key=len, reverse=True)


def parse_query(raw: str | None) -> Query:
    """Parse what the visitor typed. Empty or punctuation-only input gives an empty (falsy) query."""
    terms: list[Term] = []
    for m in _TERM_RE.finditer((raw or "").replace("\u3000", " ")):
        quoted = m.group(3) is None
        term = _term(m.group(1) or m.group(2) or m.group(3), quoted)
        if term is not None and term not in terms:
            terms.append(term)
        if len(terms) >= MAX_TERMS:
            break
    words: list[str] = []
    for term in terms:
        for p in term.options[-1]:
            words.extend(
                w for w in query_words(p.text) if len(w) >= 2 or not any(k == "cjk" for k, _ in runs(w))
            )
    return Query(tuple(terms), tuple(dict.fromkeys(words)))
