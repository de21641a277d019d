"""The refusals of publishing's actions (``ServiceError`` subclasses, re-exported by ``services``)."""

from __future__ import annotations

from gongkai.core.errors import ServiceError


class PublishingError(ServiceError):
    """A refused publishing action; the message says what is wrong and how to fix it (Chinese)."""


class PublishBlocked(PublishingError):
    """Publishing refused because of unresolved high-severity findings."""

    def __init__(self, findings):
        self.findings = list(findings)
        sample = "、".join(
            f"{f.kind_label}“{f.text[:20]}”（{f.source_label} {f.location}）" for f in self.findings[:3]
        )
        more = f"等 {len(self.findings)} 处" if len(self.findings) > 3 else ""
        super().__init__(
            f"存在未处理的高风险扫描发现：{sample}{more}。请先脱敏或修改；确属可以公开的，由审查员登记理由后确认。",
            code="blocked",
        )
