"""工作要点 → title, issuer, 文号, date, parts, items, tasks (the body of :func:`extract`)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from gongkai.core.docread import (
    ITEM,
    PART,
    SUB,
    Block,
    chinese_to_int,
    find_doc_numbers,
    match_marker,
    read_text,
)
from gongkai.core.docread.outline import canonical_label

from . import annex as annex_mod
from . import flattened
from .tasks import Sentence, classify, display_text, split_sentences
from .textsim import containment
from .timing import find_deadline, timing
from .units import Annotation, find_annotation, is_group, parse_units, subject_units

_TITLE = re.compile(
    r"^(?!关于)[^，。；：:,;！？]{4,60}(工作要点|要点|工作方案|实施方案|工作计划|任务清单|任务分工)$"
)
_NOTICE_TITLE = re.compile(r"关于印发(?P<title>.+?)的(通知|函)$")
_BOOK_TITLE = re.compile(r"《(?P<title>[^》]{4,60})》")
_ISSUER = re.compile(
    r"^(?P<issuer>[^，。；：:,;\s]{2,30}?(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|办公室|办公厅|委员会|领导小组))"
    r"(?:文件)?$"
)
_ISSUER_PREFIX = re.compile(
    r"^(?P<issuer>.{2,30}?(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅))关于"
)
_DATE = re.compile(r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日$")
_DATE_CN = re.compile(
    r"^(?P<y>[〇零○一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,3})月(?P<d>[一二三四五六七八九十]{1,3})日$"
)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_CLOSING = re.compile(r"本要点|本通知|本方案|本计划|本意见|上述任务|以上任务")
_ANNEX_HEAD = re.compile(r"^(附件|附表)\s*\d*\s*[:：]?")


@dataclass
class _RawItem:
    marker_label: str
    value: int
    part: dict[str, Any] | None
    block: int
    paragraphs: list[str] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)
    subs: list[dict[str, Any]] = field(default_factory=list)


def _to_blocks(source: str | Iterable[Block]) -> list[Block]:
    if isinstance(source, str):
        return read_text(source)
    return list(source)


def _parse_date(text: str) -> str | None:
    m = _DATE.match(text)
    if m:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    else:
        m = _DATE_CN.match(text)
        if not m:
            return None
        cn_y, cn_mo, cn_d = chinese_to_int(m["y"]), chinese_to_int(m["m"]), chinese_to_int(m["d"])
        if cn_y is None or cn_mo is None or cn_d is None:
            return None
        y, mo, d = cn_y, cn_mo, cn_d
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


def _is_signature(text: str) -> bool:
    return bool(_ISSUER.match(text) or _parse_date(text))


def _header(paragraphs: list[tuple[int, str]]) -> dict[str, Any]:
    """Title, issuer, 文号 and date from the paragraphs before the first outline marker."""
    info: dict[str, Any] = {
        "title": None,
        "issuer": None,
        "doc_number": None,
        "doc_number_parsed": None,
        "date": None,
    }
    info["title_block"] = None
    for index, text in paragraphs:
        if info["title"] is None and _TITLE.match(text) and not _ISSUER.match(text):
            info["title"], info["title_block"] = text, index
    notice_match = next((m for _, t in paragraphs if (m := _NOTICE_TITLE.search(t))), None)
    notice = notice_match.string if notice_match else None
    if info["title"] is None and notice_match:
        book = _BOOK_TITLE.search(notice_match.string)
        info["title"] = book["title"] if book else notice_match["title"]
    if info["title"] is None:
        book = next((m for _, t in paragraphs if (m := _BOOK_TITLE.search(t))), None)
        if book:
            info["title"] = book["title"]
    for _, text in paragraphs:
        m = _ISSUER.match(text)
        if m:
            info["issuer"] = m["issuer"]
            break
    if info["issuer"] is None and notice:
        m = _ISSUER_PREFIX.match(notice)
        if m:
            info["issuer"] = m["issuer"]
    for _, text in paragraphs:
        numbers = find_doc_numbers(text)
        if numbers:
            info["doc_number"] = numbers[0].standard
            info["doc_number_parsed"] = numbers[0].as_dict()
            break
    for _, text in paragraphs:
        parsed = _parse_date(text)
        if parsed:
            info["date"] = parsed
            break
    return info


def _annex_start(blocks: list[Block], after: int) -> int | None:
    for index in range(after, len(blocks)):
        block = blocks[index]
        if block.is_table:
            if annex_mod.is_annex_table(block):
                return index
            continue
        if _ANNEX_HEAD.match(block.text) and len(block.text) < 60 or block.text.endswith("任务分工表"):
            return index
    return None


def _outline(
    blocks: list[Block], start: int, stop: int
) -> tuple[list[dict[str, Any]], list[_RawItem], list[str], int]:
    """Parts and raw items between ``start`` and ``stop``; returns (parts, items, preamble, item level)."""
    markers = {i: match_marker(blocks[i].text) for i in range(start, stop) if not blocks[i].is_table}
    levels = {m.level for m in markers.values() if m}
    item_level = ITEM if ITEM in levels else SUB if SUB in levels else PART if PART in levels else None
    parts: list[dict[str, Any]] = []
    items: list[_RawItem] = []
    preamble: list[str] = []
    part: dict[str, Any] | None = None
    current: _RawItem | None = None
    for index in range(start, stop):
        block = blocks[index]
        if block.is_table:
            continue
        marker = markers.get(index)
        text = block.text
        if marker and marker.level == PART and item_level != PART:
            part = {
                "number": marker.label,
                "value": marker.value,
                "heading": marker.rest.rstrip("。：:"),
                "block": index,
            }
            parts.append(part)
            current = None
        elif marker and marker.level == item_level:
            current = _RawItem(marker.label, marker.value, part, index, [marker.rest], [index])
            items.append(current)
        elif marker and current is not None and item_level is not None and marker.level > item_level:
            current.subs.append({"label": marker.label, "level": marker.level, "paragraphs": [marker.rest]})
            current.blocks.append(index)
        elif current is not None:
            if current.subs:
                current.subs[-1]["paragraphs"].append(text)
            else:
                current.paragraphs.append(text)
            current.blocks.append(index)
        elif part is not None:
            part.setdefault("text", []).append(text)
        else:
            preamble.append(text)
    return parts, items, preamble, item_level or ITEM


def _split_closing(items: list[_RawItem]) -> list[str]:
    """Paragraphs after the last item that close the document (本要点…落实情况…, signature, date)."""
    if not items:
        return []
    last = items[-1]
    target = last.subs[-1]["paragraphs"] if last.subs else last.paragraphs
    for j in range(1, len(target)):
        if _CLOSING.search(target[j]) or _is_signature(target[j]):
            closing = target[j:]
            del target[j:]
            last.blocks = last.blocks[: len(last.blocks) - len(closing)]
            return closing
    return []


def _units_fields(annotation: Annotation | None) -> dict[str, Any]:
    if annotation is None:
        return {
            "annotation": None,
            "annotation_form": None,
            "lead_units": [],
            "units": [],
            "cooperating_units": [],
            "group_units": [],
            "has_units": False,
            "respectively": False,
            "open_ended": False,
        }
    lead = annotation.lead_units
    units = annotation.units + [u for u in annotation.cooperating_units if u not in annotation.units]
    return {
        "annotation": annotation.raw,
        "annotation_form": f"{annotation.form}-{annotation.width}",
        "lead_units": list(lead),
        "units": list(units),
        "cooperating_units": list(annotation.cooperating_units),
        "group_units": [u for u in lead + units if is_group(u)],
        "has_units": bool(lead or units),
        "respectively": annotation.respectively,
        "open_ended": annotation.open_ended,
    }


def _task(
    seq: int, text: str, span: tuple[int, int], item_units: dict[str, Any], year: int | None, source: str
) -> dict[str, Any]:
    found = timing(text, year)
    return {
        "seq": seq,
        "text": display_text(text),
        "units": list(item_units["units"]),
        "lead_units": list(item_units["lead_units"]),
        "deadline": found["deadline"],
        "deadline_text": found["deadline_text"],
        "recurrence": found["recurrence"],
        "count": found["count"],
        "indicators": found["indicators"],
        "recurrences": found["recurrences"],
        "time_limit": found["time_limit"],
        "subject_units": subject_units(text),
        "span": list(span),
        "source": source,
    }


def _heading_and_body(body: str) -> tuple[str, bool, list[Sentence]]:
    """(heading, heading inferred?, sentences after the heading)."""
    sentences = split_sentences(body)
    if not sentences:
        return "", True, []
    first = sentences[0]
    heading = first.text.rstrip("。；;：:！!")
    if len(heading) <= 40:
        return heading, False, sentences[1:]
    # No short heading: the first clause names the item, and every sentence stays a task.
    clause = re.split(r"[，,；;]", heading, maxsplit=1)[0]
    return (clause[:30] + ("…" if len(clause) > 30 else "")), True, sentences


def _build_item(
    raw: _RawItem, parts_present: bool, year: int | None, warnings: list[dict[str, Any]]
) -> dict[str, Any]:
    text = "\n".join(raw.paragraphs)
    sub_texts = ["\n".join(sub["paragraphs"]) for sub in raw.subs]
    annotation = find_annotation(text)
    sub_annotations = [find_annotation(t) for t in sub_texts]
    # One annotation after the last sub-item, none elsewhere: it covers the whole item.
    if annotation is None and sub_annotations and sub_annotations[-1] and not any(sub_annotations[:-1]):
        annotation = sub_annotations[-1]
        sub_texts[-1] = sub_texts[-1][: annotation.start]
        sub_annotations[-1] = None
        annotation_in_sub = True
    else:
        annotation_in_sub = False
    body = text[: annotation.start] if annotation is not None and not annotation_in_sub else text
    units = _units_fields(annotation)
    heading, inferred, sentences = _heading_and_body(body.rstrip())
    path = [raw.part["number"], raw.marker_label] if raw.part else [raw.marker_label]
    full_text = "\n".join(
        [text, *(f"{sub['label']}．{t}" for sub, t in zip(raw.subs, sub_texts, strict=True))]
    )
    tasks: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    for piece in classify(sentences):
        if not piece.is_task:
            notes.append({"text": piece.text, "reason": piece.reason})
            continue
        tasks.append(_task(len(tasks) + 1, piece.text, (piece.start, piece.end), units, year, "body"))
    for sub, sub_text, sub_annotation in zip(raw.subs, sub_texts, sub_annotations, strict=True):
        own = sub_text[: sub_annotation.start] if sub_annotation else sub_text
        sub_units = _units_fields(sub_annotation) if sub_annotation else units
        offset = full_text.find(own.strip()[:20]) if own.strip() else -1
        task = _task(
            len(tasks) + 1, own.strip(), (offset, offset + len(own.strip())), sub_units, year, "sub-item"
        )
        task["sub_item"] = sub["label"]
        tasks.append(task)
    if not tasks and heading:
        tasks.append(_task(1, heading, (0, len(heading)), units, year, "heading"))
    label = "".join(path)
    if not units["has_units"] and not any(sub_annotations):
        warnings.append(
            {"kind": "no_units", "path": path, "message": f"{label}“{heading}”未标注责任单位，请核对后补充。"}
        )
    if units["open_ended"]:
        warnings.append(
            {
                "kind": "open_ended_units",
                "path": path,
                "message": f"{label}的责任单位以“等”结尾，名单可能不全，请核对。",
            }
        )
    if inferred:
        warnings.append(
            {
                "kind": "heading_inferred",
                "path": path,
                "message": f"{label}没有单独的标题句，已取首句开头作为标题。",
            }
        )
    if year is None and any(find_deadline(t["text"], None)[1] for t in tasks):
        warnings.append(
            {
                "kind": "deadline_without_year",
                "path": path,
                "message": f"{label}有时限但无法确定年份，请补充。",
            }
        )
    item = {
        "path": path,
        "part": raw.part["number"] if raw.part else None,
        "number": raw.marker_label,
        "heading": heading,
        "text": full_text,
        **units,
        "tasks": tasks,
        "notes": notes,
        "source": {"block": raw.block, "blocks": raw.blocks},
    }
    return item


def _check_numbering(
    parts: list[dict[str, Any]],
    items: list[dict[str, Any]],
    raw_items: list[_RawItem],
    warnings: list[dict[str, Any]],
) -> str:
    """Warn about gaps and repeats; report whether item numbers restart in each part or run on."""
    for expected, part in enumerate(parts, start=1):
        if part["value"] != expected:
            warnings.append(
                {
                    "kind": "numbering",
                    "path": [part["number"]],
                    "message": f"第{expected}部分的编号写作“{part['number']}、”，编号不连续，请核对是否漏段。",
                }
            )
    restarts = False
    previous_value = 0
    previous_part = None
    for raw in raw_items:
        if raw.part is not previous_part:
            if raw.value == 1 and previous_value:
                restarts = True
            elif raw.value not in (1, previous_value + 1):
                warnings.append(
                    {
                        "kind": "numbering",
                        "path": [raw.part["number"] if raw.part else "", raw.marker_label],
                        "message": f"条目编号{raw.marker_label}不连续（上一条为{canonical_label(ITEM, previous_value) if previous_value else '无'}）。",
                    }
                )
            previous_part = raw.part
        elif raw.value != previous_value + 1:
            warnings.append(
                {
                    "kind": "numbering",
                    "path": [raw.part["number"] if raw.part else "", raw.marker_label],
                    "message": f"条目编号{raw.marker_label}不连续（上一条为{canonical_label(ITEM, previous_value) if previous_value else '无'}）。",
                }
            )
        previous_value = raw.value
    return "restarts_per_part" if restarts else "continuous"


def _apply_annex(
    result: dict[str, Any], rows: list[annex_mod.AnnexRow], tables: int, year: int | None
) -> None:
    items = result["items"]
    warnings = result["warnings"]
    info = {"found": bool(rows), "tables": tables, "rows": len(rows), "linked": 0, "unmatched": 0}
    result["annex"] = info
    if not rows:
        return
    if not items:
        _items_from_annex(result, rows, year)
        info["linked"] = len(rows)
        return
    linked: dict[int, list[tuple[annex_mod.AnnexRow, float]]] = {}
    for row in rows:
        index, score = annex_mod.link(row, items)
        if index is None:
            info["unmatched"] += 1
            warnings.append(
                {
                    "kind": "annex_row_unmatched",
                    "annex_row": {"table": row.table, "row": row.row, "seq": row.seq},
                    "message": f"分工表第{row.row}行（序号{row.seq or '空'}）“{row.target or row.content[:20]}”在正文中找不到对应条目。",
                }
            )
            continue
        info["linked"] += 1
        linked.setdefault(index, []).append((row, score))
    for index, item in enumerate(items):
        label = "".join(item["path"])
        if index not in linked:
            warnings.append(
                {
                    "kind": "annex_item_missing",
                    "path": item["path"],
                    "message": f"正文{label}“{item['heading']}”在分工表中没有对应任务。",
                }
            )
            continue
        item["body_tasks"] = item["tasks"]
        tasks: list[dict[str, Any]] = []
        annex_units: list[str] = []
        for row, score in linked[index]:
            task = _annex_task(len(tasks) + 1, row, item, year)
            task["annex_row"] = {"table": row.table, "row": row.row, "seq": row.seq, "score": round(score, 2)}
            annex_units.extend(task["lead_units"] + task["units"])
            tasks.append(task)
        item["tasks"] = tasks
        _check_coverage(result, item, linked[index])
        body_units = {annex_mod.normalize_name(u) for u in item["lead_units"] + item["units"]}
        annex_set = {annex_mod.normalize_name(u) for u in annex_units}
        if body_units and annex_set and body_units != annex_set:
            only_body = sorted(body_units - annex_set)
            only_annex = sorted(annex_set - body_units)
            warnings.append(
                {
                    "kind": "annex_units_differ",
                    "path": item["path"],
                    "only_in_body": only_body,
                    "only_in_annex": only_annex,
                    "message": f"{label}的责任单位正文与分工表不一致："
                    + (f"仅正文有{'、'.join(only_body)}" if only_body else "")
                    + ("；" if only_body and only_annex else "")
                    + (f"仅分工表有{'、'.join(only_annex)}" if only_annex else "")
                    + "。",
                }
            )
        if not item["has_units"] and annex_set:
            item["units_from_annex"] = True


def _check_coverage(
    result: dict[str, Any], item: dict[str, Any], rows: list[tuple[annex_mod.AnnexRow, float]]
) -> None:
    """Annex rows of ``item`` that state no body sentence, and body sentences no row covers (both reported).

    A row matches a body task when most of the one's text is found in the other (a row may hold one sentence
    of a body task, or merge two); a body task split over several rows is covered by them together.
    """
    check = result["annex_check"]
    label = "".join(item["path"])
    body = item["body_tasks"]
    contents = [row.content or row.target for row, _ in rows]
    together = "".join(contents)
    for (row, _), content in zip(rows, contents, strict=True):
        if body and not any(_matches(content, task["text"]) for task in body):
            check["rows_without_sentence"].append(
                {"table": row.table, "row": row.row, "seq": row.seq, "path": item["path"], "text": content}
            )
            result["warnings"].append(
                {
                    "kind": "annex_row_not_in_body",
                    "path": item["path"],
                    "annex_row": {"table": row.table, "row": row.row, "seq": row.seq},
                    "message": f"分工表第{row.row}行（序号{row.seq or '空'}）“{content[:30]}”在正文{label}中找不到对应的句子，请核对是否为新增任务。",
                }
            )
    for task in body:
        if any(_matches(content, task["text"]) for content in contents):
            continue
        if containment(task["text"], together) >= 0.6:
            continue
        check["tasks_without_row"].append({"path": item["path"], "seq": task["seq"], "text": task["text"]})
        result["warnings"].append(
            {
                "kind": "annex_task_uncovered",
                "path": item["path"],
                "message": f"正文{label}第{task['seq']}项任务“{task['text'][:30]}”在分工表中没有对应的行，导入后将不在任务清单中，请核对。",
            }
        )


def _matches(row_text: str, sentence: str) -> bool:
    return containment(row_text, sentence) >= 0.6 or containment(sentence, row_text) >= 0.6


def _annex_task(
    seq: int, row: annex_mod.AnnexRow, item: dict[str, Any] | None, year: int | None
) -> dict[str, Any]:
    parsed = parse_units(row.units_text) if row.units_text else None
    lead = parse_units(row.lead_text).all_units if row.lead_text else []
    units_fields = _units_fields(parsed)
    lead_units = lead + [u for u in units_fields["lead_units"] if u not in lead]
    units = [u for u in units_fields["units"] if u not in lead_units]
    if not lead_units and not units and item is not None and item.get("has_units"):
        # The row names no unit: the item's annotation in the body is the fallback.
        lead_units, units = list(item["lead_units"]), list(item["units"])
    content = row.content or row.target
    task = _task(seq, content, (-1, -1), {"units": units, "lead_units": lead_units}, year, "annex")
    if row.deadline_text:
        found = timing(row.deadline_text, year)
        for key in ("deadline", "recurrence", "count", "time_limit", "recurrences"):
            if found[key]:
                task[key] = found[key]
        task["deadline_text"] = row.deadline_text
    return task


def _items_from_annex(result: dict[str, Any], rows: list[annex_mod.AnnexRow], year: int | None) -> None:
    """A stand-alone 分工表 (xlsx): its rows become the items, grouped by part and 目标任务."""
    parts: dict[str, dict[str, Any]] = {}
    items: list[dict[str, Any]] = []
    by_key: dict[tuple[str | None, str], dict[str, Any]] = {}
    for row in rows:
        part_label = None
        if row.part:
            marker = match_marker(row.part)
            if row.part not in parts:
                number = (
                    marker.label if marker and marker.level == PART else canonical_label(PART, len(parts) + 1)
                )
                heading = marker.rest if marker and marker.level == PART else row.part
                parts[row.part] = {
                    "number": number,
                    "heading": heading,
                    "value": len(parts) + 1,
                    "block": None,
                }
            part_label = parts[row.part]["number"]
        key = (part_label, row.target or row.content)
        item = by_key.get(key)
        if item is None:
            # 目标任务 may carry its number (（三）提升…); otherwise number the items within the part.
            marker = match_marker(row.target) if row.target else None
            if marker is not None and marker.level == ITEM:
                number, heading = marker.label, marker.rest
            else:
                count = sum(1 for i in items if i["part"] == part_label) + 1
                number, heading = canonical_label(ITEM, count), row.target or row.content[:30]
            item = {
                "path": [part_label, number] if part_label else [number],
                "part": part_label,
                "number": number,
                "heading": heading,
                "text": "",
                **_units_fields(None),
                "tasks": [],
                "notes": [],
                "source": {"block": None, "blocks": []},
            }
            by_key[key] = item
            items.append(item)
        task = _annex_task(len(item["tasks"]) + 1, row, item, year)
        task["annex_row"] = {"table": row.table, "row": row.row, "seq": row.seq, "score": 1.0}
        item["tasks"].append(task)
        item["text"] += task["text"]
    for item in items:
        all_lead = [u for t in item["tasks"] for u in t["lead_units"]]
        all_units = [u for t in item["tasks"] for u in t["units"]]
        item["lead_units"] = list(dict.fromkeys(all_lead))
        item["units"] = [u for u in dict.fromkeys(all_units) if u not in item["lead_units"]]
        item["group_units"] = [u for u in item["lead_units"] + item["units"] if is_group(u)]
        item["has_units"] = bool(item["lead_units"] or item["units"])
        item["units_from_annex"] = True
    result["parts"] = [{k: v for k, v in p.items() if k != "value"} for p in parts.values()]
    result["items"] = items


def _read_annex(result: dict[str, Any], blocks: list[Block], annex_at: int | None, year: int | None) -> None:
    """The 分工表: tables with a header, or the text after 附件 read as a flattened table; else a warning."""
    tables = [b for b in blocks if b.is_table and annex_mod.is_annex_table(b)]
    headings = [i["heading"] for i in result["items"]]
    rows = annex_mod.read_rows(tables, headings) if tables else []
    layout = "table"
    flat = None
    if annex_at is not None:
        flat = flattened.read(blocks[annex_at:], headings)
        # A text table broken up by part headings is read whole only cell by cell.
        if len(flat.rows) > len(rows):
            rows, layout = flat.rows, "flattened"
    if not rows:
        if flat is not None and flat.reason and _annex_has_body(blocks[annex_at:]):
            result["warnings"].append(
                {
                    "kind": "annex_unreadable",
                    "message": f"附件任务分工表未能识别为表格：{flat.reason}。各任务的责任单位和时限暂取正文标注，请对照附件核对；"
                    "也可将分工表另存为 Excel（.xlsx）或 Word 表格后再导入。",
                }
            )
        if tables:
            _apply_annex(result, rows, len(tables), year)
        return
    result["annex_check"] = {"layout": layout, "rows_without_sentence": [], "tasks_without_row": []}
    had_items = bool(result["items"])
    _apply_annex(result, rows, len(tables) if layout == "table" else 1, year)
    if layout == "flattened" and flat is not None:  # flattened rows come only from a read ``flat``
        for row in flat.uncertain:
            result["warnings"].append(
                {
                    "kind": "annex_row_uncertain",
                    "annex_row": {"table": row.table, "row": row.row, "seq": row.seq},
                    "message": f"分工表第{row.row}行（序号{row.seq}）有未能归入任何一列的内容“{'、'.join(row.leftover)[:40]}”，请核对该行。",
                }
            )
    if not had_items and result["items"]:
        # The no_items warning does not apply to a stand-alone 分工表.
        result["warnings"] = [w for w in result["warnings"] if w["kind"] != "no_items"]


def _annex_has_body(blocks: list[Block]) -> bool:
    """More than the 附件 line(s) naming the annex: there is something that should have been a table."""
    return any(b.is_table or not (_ANNEX_HEAD.match(b.text) or b.text.endswith("分工表")) for b in blocks)


def _check_dates(result: dict[str, Any]) -> None:
    """A deadline before the plan's own date cannot be met: flag it on the task and in the warnings."""
    if not result.get("date"):
        return
    for item in result["items"]:
        label = "".join(item["path"])
        for task in item["tasks"]:
            if task.get("deadline") and task["deadline"] < result["date"]:
                message = (
                    f"{label}第{task['seq']}项任务的时限“{task.get('deadline_text') or task['deadline']}”"
                    f"（{task['deadline']}）早于本要点的日期（{result['date']}），请核对时限或年份。"
                )
                task.setdefault("warnings", []).append({"kind": "deadline_before_plan", "message": message})
                result["warnings"].append(
                    {
                        "kind": "deadline_before_plan",
                        "path": item["path"],
                        "task": task["seq"],
                        "message": message,
                    }
                )


def extract(source: str | Iterable[Block], *, year: int | None = None) -> dict[str, Any]:
    """A 工作要点 (blocks from ``docread.read`` or plain text) → the structured result described in the docs."""
    blocks = _to_blocks(source)
    warnings: list[dict[str, Any]] = []
    first_marker = next(
        (
            i
            for i, b in enumerate(blocks)
            if not b.is_table and (marker := match_marker(b.text)) and marker.level in (PART, ITEM)
        ),
        None,
    )
    header_end = first_marker if first_marker is not None else len(blocks)
    header_paragraphs = [(i, b.text) for i, b in enumerate(blocks[:header_end]) if not b.is_table]
    info = _header(header_paragraphs)
    body_start = info["title_block"] + 1 if info["title_block"] is not None else 0
    # Where the outline starts: after the title, or after the wrapper's last header line.
    if info["title_block"] is None and first_marker is not None:
        body_start = first_marker
    annex_at = _annex_start(blocks, first_marker + 1 if first_marker is not None else body_start)
    stop = annex_at if annex_at is not None else len(blocks)
    parts, raw_items, preamble_tail, _level = _outline(blocks, body_start, stop)
    closing = _split_closing(raw_items)
    # Closing lines may carry the date and the issuer when the wrapper puts them at the end.
    if info["date"] is None:
        for text in closing + [b.text for b in blocks[stop:] if not b.is_table]:
            if _parse_date(text):
                info["date"] = _parse_date(text)
                break
    if info["issuer"] is None:
        for text in closing:
            m = _ISSUER.match(text)
            if m:
                info["issuer"] = m["issuer"]
                break
    doc_year = year
    for candidate in (info["title"] or "", info["doc_number"] or "", info["date"] or ""):
        if doc_year:
            break
        m = _YEAR.search(candidate) or re.match(r"^(\d{4})-", candidate)
        if m:
            doc_year = int(m.group(1))
    if doc_year is None:
        m = _YEAR.search(" ".join(preamble_tail))
        if m:
            doc_year = int(m.group(1))
    items = [_build_item(raw, bool(parts), doc_year, warnings) for raw in raw_items]
    numbering = _check_numbering(parts, items, raw_items, warnings)
    result = {
        "title": info["title"],
        "issuer": info["issuer"],
        "doc_number": info["doc_number"],
        "date": info["date"],
        "year": doc_year,
        "items": items,
        "parts": [
            {
                "number": p["number"],
                "heading": p["heading"],
                "items": sum(1 for r in raw_items if r.part is p),
            }
            for p in parts
        ],
        "doc_number_parsed": info["doc_number_parsed"],
        "preamble": preamble_tail,
        "closing": closing,
        "numbering": numbering,
        "annex": None,
        "annex_check": None,
        "warnings": warnings,
    }
    if doc_year is None:
        warnings.append(
            {"kind": "no_year", "message": "未能确定文件年度，不带年份的时限（如“6月底前”）无法换算成日期。"}
        )
    if not items and not raw_items:
        warnings.append(
            {"kind": "no_items", "message": "未识别到“（一）”或“1.”等条目编号，请检查文件是否为工作要点。"}
        )
    _read_annex(result, blocks, annex_at, doc_year)
    _check_dates(result)
    result["stats"] = {
        "parts": len(result["parts"]),
        "items": len(result["items"]),
        "tasks": sum(len(i["tasks"]) for i in result["items"]),
        "items_without_units": sum(1 for i in result["items"] if not i["has_units"]),
    }
    return result
