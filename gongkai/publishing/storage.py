"""Private file storage for attachments: outside MEDIA_ROOT, never served by URL.

Originals may hold personal data until they are masked, so no file of this app is reachable under /media/:
staff download through a permission-checked view, the public only the masked copy of a published item.
The location is ``GONGKAI_PRIVATE_MEDIA_ROOT`` (default ``<var>/private``), read at use time so tests can move it.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


def private_root() -> Path:
    return Path(settings.GONGKAI_PRIVATE_MEDIA_ROOT)


@deconstructible(path="gongkai.publishing.storage.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return str(private_root())

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("附件不通过公开地址提供，请使用下载视图。")


private_storage = PrivateStorage()
