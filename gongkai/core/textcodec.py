"""Plain-text decoding (文本编码识别) for uploaded documents, shared by ``docread`` and ``textscan``.

Government text files come as UTF-8 (with or without BOM, the Notepad default), UTF-16 with BOM (Word's "Unicode
text") or GB18030 (a superset of GBK and GB2312, the older Windows default). Framework-free.
"""

from __future__ import annotations

import codecs

UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode_text(data: bytes, *, lenient: bool = True) -> str:
    """``data`` as text: UTF-8 (a BOM is dropped), UTF-16 when it starts with a BOM, otherwise GB18030.

    ``lenient`` (the default) never fails: bytes that fit no encoding become U+FFFD, for readers that would rather
    show a damaged character than refuse a document. ``lenient=False`` raises ``UnicodeDecodeError`` instead, for
    callers that must not change a file they cannot read faithfully (the scanner writes masked copies back).
    """
    errors = "replace" if lenient else "strict"
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors=errors)
    if data.startswith(UTF16_BOMS):
        return data.decode("utf-16", errors=errors)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        if not lenient:
            raise
        return data.decode("utf-8", errors="replace")
