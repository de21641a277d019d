"""Business actions of active disclosure (主动公开): the public names of ``actions/``, for views, commands, the
demo and the apps built on publishing (``policies``).

Every action runs in a transaction and writes an audit event (``gongkai.audit``); who may act is
``gongkai.publishing.access`` (editors draft; a reviewer of the same unit who is not the author reviews: "先审后发",
"一事一审", "谁公开、谁审查、谁负责"); nothing is published with an unresolved high-severity scan finding unless a
reviewer records an override with a reason. The object acted on comes first, ``actor`` is keyword-only
(``None`` = the system), further arguments are keyword-only; a refusal raises :class:`PublishingError`.
"""

from __future__ import annotations

from .actions.catalog import (
    NODE_FIELDS,
    CatalogImportResult,
    create_node,
    ensure_template,
    import_catalog,
    nodes_for_unit,
    update_node,
)
from .actions.common import snapshot
from .actions.drafts import (
    DRAFT_FIELDS,
    add_attachment,
    create_draft,
    import_docx,
    parse_doc_number,
    remove_attachment,
    replace_attachment,
    update_draft,
)
from .actions.lifecycle import (
    DEFAULT_REVIEW_DAYS,
    archive,
    confirm_current,
    publish,
    publish_due,
    schedule,
    timeliness,
    unit_index_prefix,
    update_lifecycle,
    withdraw,
)
from .actions.review import decide_review, reviewed_content, start_review, submit
from .actions.scanning import (
    RescanReport,
    mask_publication,
    pending_scan,
    request_scan,
    rescan_published,
    resolve_finding,
    save_term,
    scan_outside,
    scan_publication,
    scanner_terms,
)
from .errors import PublishBlocked, PublishingError

__all__ = [
    "DEFAULT_REVIEW_DAYS",
    "DRAFT_FIELDS",
    "NODE_FIELDS",
    "CatalogImportResult",
    "PublishBlocked",
    "PublishingError",
    "RescanReport",
    "add_attachment",
    "archive",
    "confirm_current",
    "create_draft",
    "create_node",
    "decide_review",
    "reviewed_content",
    "ensure_template",
    "import_catalog",
    "import_docx",
    "mask_publication",
    "nodes_for_unit",
    "parse_doc_number",
    "publish",
    "publish_due",
    "remove_attachment",
    "replace_attachment",
    "rescan_published",
    "resolve_finding",
    "save_term",
    "pending_scan",
    "request_scan",
    "scan_outside",
    "scan_publication",
    "scanner_terms",
    "schedule",
    "snapshot",
    "start_review",
    "submit",
    "timeliness",
    "unit_index_prefix",
    "update_draft",
    "update_lifecycle",
    "update_node",
    "withdraw",
]
