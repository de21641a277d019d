"""Helpers of errata's tests: reports through the services, small images."""

from __future__ import annotations

import io

from gongkai.errata import services


def png_bytes(width: int = 4, height: int = 4) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buf, format="PNG")
    return buf.getvalue()


def report(page="/", *, error_type="typo", description="正文第二段“按排”应为“安排”。", **extra):
    return services.submit(page=page, error_type=error_type, description=description, **extra).report
