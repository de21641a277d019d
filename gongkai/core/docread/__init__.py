"""Document reader (文档读取): .txt/.docx/.pdf/.html/.xlsx → normalized text blocks; 文号 parsing; outline markers.

Framework-free (no Django imports). Typical use::

    from gongkai.core import docread
    blocks = docread.read("要点.docx")          # list[Block], paragraphs and tables in order
    docread.parse_doc_number("丰府办字[2023]026号").standard   # "丰府办字〔2023〕26号"
"""

from gongkai.core.filetype import decode_text

from .blocks import PARAGRAPH, TABLE, Block, blocks_to_text, build_blocks
from .docnumber import DocNumber, find_doc_numbers, parse_doc_number
from .htmlmain import read_html
from .normalize import clean_line, join_lines, normalize_width, unify_brackets
from .numerals import chinese_to_int, int_to_chinese, parse_number
from .outline import ITEM, PART, SUB, SUBSUB, Marker, match_marker
from .readers import DocumentError, read, read_docx, read_pdf, read_text, read_txt, read_xlsx

__all__ = [
    "ITEM",
    "PARAGRAPH",
    "PART",
    "SUB",
    "SUBSUB",
    "TABLE",
    "Block",
    "DocNumber",
    "DocumentError",
    "Marker",
    "blocks_to_text",
    "build_blocks",
    "chinese_to_int",
    "clean_line",
    "decode_text",
    "find_doc_numbers",
    "int_to_chinese",
    "join_lines",
    "match_marker",
    "normalize_width",
    "parse_doc_number",
    "parse_number",
    "read",
    "read_docx",
    "read_html",
    "read_pdf",
    "read_text",
    "read_txt",
    "read_xlsx",
    "unify_brackets",
]
