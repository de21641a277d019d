"""Full-text search over published information (全文检索), on SQLite and PostgreSQL.

The index holds one ``SearchEntry`` per *public* publication: title, the public text (body and the text of the
attachments the public can download, i.e. masked copies), and their token streams from ``gongkai.core.search``.

- SQLite: an FTS5 table mirrors the token columns (triggers, migration 0002). A query is a ``MATCH`` of gram
  phrases (exact substring semantics, any length — the FTS5 trigram tokenizer's blindness to one- and
  two-character queries does not apply), ranked by BM25 with the title columns weighted ten to one.
- PostgreSQL: ``vec`` (tsvector, GIN) holds the same tokens, titles with weight A. A query ANDs the grams through
  the GIN index, then re-checks the candidates with ``strpos`` on the normalized text where a phrase has more
  than one gram (positions cannot be trusted past 16383); ``pg_trgm`` on the normalized title adds substring
  matches of titles and 文号 for longer single-term queries. No query reads the whole table.

Ranking on both: documents in force before repealed or expired ones (已废止, 失效), then items with every term in
the title, then the text score, then the newest.
The services call :func:`index_publication` / :func:`remove_publication` inside their transactions;
``gongkai reindex`` rebuilds everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import connection, transaction
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from gongkai.core.search import highlight, index_tokens, normalize, parse_query
from gongkai.core.search.query import Query

from .models import CatalogNode, Publication, SearchEntry
from .vocab import PUBLIC_STATES

# tsvector limits: positions stop at 16383, a lexeme keeps at most 256 positions, the value at most 1 MB.
MAX_POSITION = 16383
MAX_POSITIONS_PER_LEXEME = 255
MAX_LEXEMES = 60000


@dataclass
class Hit:
    publication: Publication
    title_html: SafeString
    snippet: SafeString
    in_title: bool
    score: float


@dataclass
class Results:
    query: str
    total: int = 0  # exact, or BROAD when ``capped`` (more hits than that)
    hits: list[Hit] = field(default_factory=list)
    capped: bool = False


# --- indexing ------------------------------------------------------------------------------------------------
def public_text(pub: Publication) -> str:
    """What the public can read: the body and each downloadable attachment's text (masked copies)."""
    parts = [pub.body_text]
    for att in pub.attachments.all():
        if att.pending or att.needs_replacement:
            continue  # not downloadable by the public (a new version under review, or awaiting replacement)
        text = att.public_text
        if text:
            parts.append(f"附件：{att.name}\n{text}")
        else:
            parts.append(f"附件：{att.name}")
    if pub.doc_number:
        parts.insert(0, pub.doc_number)
    return "\n".join(p for p in parts if p)


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def vec_literal(tokens: dict[str, str]) -> str:
    """A tsvector literal: title tokens with weight A, body tokens unweighted, positions while they last."""
    positions: dict[str, list[str]] = {}
    pos = 0
    for column, weight in (
        ("title_words", "A"),
        ("title_grams", "A"),
        ("body_words", ""),
        ("body_grams", ""),
    ):
        for tok in tokens[column].split():
            pos += 1
            entry = positions.get(tok)
            if entry is None:
                if len(positions) >= MAX_LEXEMES:
                    continue
                entry = positions[tok] = []
            if pos <= MAX_POSITION and len(entry) < MAX_POSITIONS_PER_LEXEME:
                entry.append(f"{pos}{weight}")
    return " ".join(_lexeme(t) + (":" + ",".join(p) if p else "") for t, p in positions.items())


def title_lexemes(tokens: dict[str, str]) -> list[str]:
    """The title's distinct tokens (for the small ``title_vec``: matching only, no positions)."""
    return list(dict.fromkeys((tokens["title_grams"] + " " + tokens["title_words"]).split()))


def index_publication(pub: Publication) -> None:
    """Bring the index row of ``pub`` up to date (removed when it is not public)."""
    if pub.state not in PUBLIC_STATES or pub.published_at is None:
        remove_publication(pub)
        return
    text = public_text(pub)
    tokens = index_tokens(pub.title, text)
    published_on = timezone.localdate(pub.published_at)
    entry, _ = SearchEntry.objects.update_or_create(
        publication=pub,
        defaults={
            "unit_id": pub.unit_id,
            "published_on": published_on,
            "title": pub.title,
            "text": text,
            "title_norm": normalize(pub.title),
            "text_norm": normalize(pub.title + "\n" + text),
            **tokens,
        },
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE publishing_searchentry SET vec = %s::tsvector, title_vec = array_to_tsvector(%s::text[])"
                " WHERE id = %s",
                [vec_literal(tokens), title_lexemes(tokens), entry.pk],
            )


def remove_publication(pub: Publication) -> None:
    SearchEntry.objects.filter(publication_id=pub.pk).delete()


def reindex_all(batch: int = 200, progress=None) -> int:
    """Rebuild the whole index (``gongkai reindex``); returns the number of public items indexed."""
    count = 0
    with transaction.atomic():
        SearchEntry.objects.exclude(publication__state__in=PUBLIC_STATES).delete()
        ids = list(
            Publication.objects.filter(state__in=PUBLIC_STATES).order_by("id").values_list("id", flat=True)
        )
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        with transaction.atomic():
            for pub in Publication.objects.filter(id__in=chunk).prefetch_related("attachments"):
                index_publication(pub)
                count += 1
        if progress:
            progress(count, len(ids))
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO publishing_search_fts(publishing_search_fts) VALUES ('optimize')")
    return count


# --- querying ------------------------------------------------------------------------------------------------
def _node_ids(node: CatalogNode | int) -> list[int]:
    """The node and all its descendants (a category filter includes its sub-items)."""
    root = getattr(node, "pk", node)
    ids, frontier = [root], [root]
    while frontier:
        frontier = list(CatalogNode.objects.filter(parent_id__in=frontier).values_list("id", flat=True))
        ids.extend(frontier)
    return ids


def _filters(unit, node, date_from, date_to) -> tuple[str, list]:
    sql, params = [], []
    if unit is not None:
        sql.append("e.unit_id = %s")
        params.append(getattr(unit, "pk", unit))
    if date_from is not None:
        sql.append("e.published_on >= %s")
        params.append(date_from)
    if date_to is not None:
        sql.append("e.published_on <= %s")
        params.append(date_to)
    if node is not None:
        ids = _node_ids(node)
        sql.append(
            "EXISTS (SELECT 1 FROM publishing_publication_nodes pn WHERE pn.publication_id = e.publication_id"  # noqa: S608 - constant fragments, values are parameters
            f" AND pn.catalognode_id IN ({', '.join(['%s'] * len(ids))}))"
        )
        params.extend(ids)
    return ("".join(f" AND {s}" for s in sql), params)


def _substring_sql(column: str, groups: list[list[list[str]]]) -> tuple[str, list]:
    """AND over terms of (OR over options of (AND over phrases of strpos(column, phrase) > 0))."""
    if not groups:
        return "TRUE", []
    params: list = []
    terms = []
    for options in groups:
        alts = []
        for phrases in options:
            alts.append("(" + " AND ".join(f"strpos({column}, %s) > 0" for _ in phrases) + ")")
            params.extend(phrases)
        terms.append("(" + " OR ".join(alts) + ")")
    return " AND ".join(terms), params


def _all_groups(query: Query) -> list[list[list[str]]]:
    return [[[p.text for p in option] for option in term.options] for term in query.terms]


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# Documents no longer in force (已废止, 失效 — by their 有效性 or a passed 失效日期) rank below those in force.
NOT_IN_FORCE = (
    "(CASE WHEN p.validity IN ('repealed', 'expired') OR (p.expires_on IS NOT NULL AND p.expires_on <= %s)"
    " THEN 1 ELSE 0 END)"
)


def _today() -> list:
    return [timezone.localdate()]


# Above this many hits a query is "broad": the count stops here and hits are listed title matches first, then
# newest first, each part read in date order (no per-hit ranking, whose cost grows with the number of hits).
BROAD = 1000


def _postgres(
    query: Query, where: str, params: list, limit: int, offset: int
) -> tuple[int, list[tuple], bool]:
    recheck, recheck_params = _substring_sql("e.text_norm", query.conditions())
    in_title, title_params = _substring_sql("e.title_norm", _all_groups(query))
    tsq = query.tsquery()
    match = f"(e.vec @@ %s::tsquery AND {recheck})"
    match_params = [tsq, *recheck_params]
    if len(query.terms) == 1 and len(normalize(query.terms[0].text)) >= 3:
        # Substring of a title or 文号 (pg_trgm index), e.g. a fragment of digits no token starts with.
        match = f"({match} OR e.title_norm LIKE %s)"
        match_params.append(f"%{_like_escape(normalize(query.terms[0].text))}%")
    # Title hits: the small title vector (GIN) narrows, strpos on the title confirms.
    title_hit = f"(e.title_vec @@ %s::tsquery AND {in_title})"
    title_hit_params = [tsq, *title_params]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM publishing_searchentry e WHERE {match}{where} LIMIT %s) hits",  # noqa: S608 - constant fragments, values are parameters
            [*match_params, *params, BROAD + 1],
        )
        total = cursor.fetchone()[0]
        if not total:
            return 0, [], False
        if total <= BROAD:
            cursor.execute(
                f"SELECT e.publication_id, {title_hit} AS in_title, ts_rank(e.vec, %s::tsquery) AS score"  # noqa: S608 - constant fragments, values are parameters
                f" FROM publishing_searchentry e JOIN publishing_publication p ON p.id = e.publication_id"
                f" WHERE {match}{where}"
                f" ORDER BY {NOT_IN_FORCE} ASC, in_title DESC, score DESC, e.published_on DESC, e.id DESC"
                " LIMIT %s OFFSET %s",
                [*title_hit_params, query.rank_tsquery(), *match_params, *params, *_today(), limit, offset],
            )
            return total, cursor.fetchall(), False
        # Broad: title matches newest first, then the other hits newest first.
        cursor.execute(
            f"SELECT e.publication_id, TRUE, 0.0 FROM publishing_searchentry e WHERE {title_hit}{where}"  # noqa: S608 - constant fragments, values are parameters
            " ORDER BY e.published_on DESC, e.id DESC LIMIT %s",
            [*title_hit_params, *params, offset + limit],
        )
        rows = cursor.fetchall()[offset:]
        if len(rows) < limit:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM publishing_searchentry e WHERE {title_hit}{where} LIMIT %s) t",  # noqa: S608 - constant fragments, values are parameters
                [*title_hit_params, *params, offset + limit],
            )
            titles = cursor.fetchone()[0]
            cursor.execute(
                f"SELECT e.publication_id, FALSE, 0.0 FROM publishing_searchentry e WHERE {match}{where}"  # noqa: S608 - constant fragments, values are parameters
                f" AND NOT {title_hit} ORDER BY e.published_on DESC, e.id DESC LIMIT %s OFFSET %s",
                [*match_params, *params, *title_hit_params, limit - len(rows), max(0, offset - titles)],
            )
            rows += cursor.fetchall()
        return BROAD, rows, True


def _sqlite(query: Query, where: str, params: list, limit: int, offset: int) -> tuple[int, list[tuple]]:
    match = query.fts5()
    title_match = query.fts5(("title_grams",), ("title_words",))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM publishing_search_fts f JOIN publishing_searchentry e ON e.id = f.rowid"  # noqa: S608 - constant fragments, values are parameters
            f" WHERE publishing_search_fts MATCH %s{where}",
            [match, *params],
        )
        total = cursor.fetchone()[0]
        if not total:
            return 0, [], False
        cursor.execute(
            "SELECT e.publication_id,"  # noqa: S608 - constant fragments, values are parameters
            " e.id IN (SELECT rowid FROM publishing_search_fts WHERE publishing_search_fts MATCH %s) AS in_title,"
            " -bm25(publishing_search_fts, 10.0, 10.0, 1.0, 1.0) AS score"
            " FROM publishing_search_fts f JOIN publishing_searchentry e ON e.id = f.rowid"
            " JOIN publishing_publication p ON p.id = e.publication_id"
            f" WHERE publishing_search_fts MATCH %s{where}"
            f" ORDER BY {NOT_IN_FORCE} ASC, in_title DESC, score DESC, e.published_on DESC, e.id DESC"
            " LIMIT %s OFFSET %s",
            [title_match, match, *params, *_today(), limit, offset],
        )
        return total, cursor.fetchall(), False


def search(
    raw_query: str,
    *,
    unit=None,
    node=None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int = 20,
    offset: int = 0,
) -> Results:
    """Public items matching ``raw_query`` (AND of its terms), best first, with highlighted snippets."""
    query = parse_query(raw_query)
    results = Results(raw_query)
    if not query:
        return results
    where, params = _filters(unit, node, date_from, date_to)
    run = _postgres if connection.vendor == "postgresql" else _sqlite
    results.total, rows, results.capped = run(query, where, params, limit, offset)
    if not rows:
        return results
    ids = [r[0] for r in rows]
    pubs = Publication.objects.select_related("unit").in_bulk(ids)
    texts = dict(SearchEntry.objects.filter(publication_id__in=ids).values_list("publication_id", "text"))
    needles = query.needles()
    for pub_id, in_title, score in rows:
        pub = pubs.get(pub_id)
        if pub is None:
            continue
        results.hits.append(
            Hit(
                publication=pub,
                title_html=mark_safe(highlight(pub.title, needles, width=300)),  # noqa: S308 - escaped by highlight
                snippet=mark_safe(highlight(texts.get(pub_id, ""), needles)),  # noqa: S308 - escaped by highlight
                in_title=bool(in_title),
                score=float(score or 0),
            )
        )
    return results
