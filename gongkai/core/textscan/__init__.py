"""Personal-data and secrecy scanner with masking (个人信息与保密审查扫描).

``scan_text(text)`` and ``scan_file(data, filename)`` return ``Finding`` objects; ``mask_text``, ``mask_docx`` and
``mask_xlsx`` produce masked copies. Framework-free: no Django here. See docs/textscan.md.
"""

from .detectors import mask_text, scan_text
from .formats import mask_docx, mask_file, mask_xlsx, scan_file
from .model import KIND_LABELS, KINDS, PERSONAL_KINDS, SEVERITY_LABELS, Finding, Location, ScanError, Term
from .terms import DEFAULT_TERMS

__all__ = [
    "DEFAULT_TERMS",
    "KINDS",
    "KIND_LABELS",
    "PERSONAL_KINDS",
    "SEVERITY_LABELS",
    "Finding",
    "Location",
    "ScanError",
    "Term",
    "mask_docx",
    "mask_file",
    "mask_text",
    "mask_xlsx",
    "scan_file",
    "scan_text",
]
