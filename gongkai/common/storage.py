"""Private file storage for users' uploads that are not public by nature (work-plan evidence, uploaded 工作要点).

Files live under ``GONGKAI_PRIVATE_MEDIA_ROOT`` (default ``<var>/private``), outside ``MEDIA_ROOT``: no web server
or ``/media/`` route reaches them. They are served only by the owning app's view, which checks access and sends
them as an attachment (``Content-Disposition: attachment``, ``X-Content-Type-Options: nosniff``) under a content
type chosen from the file's sniffed kind — never the uploader's extension. The location is read at use time so
tests can move it. (Publishing subclasses it, ``gongkai.publishing.storage``, for its migrations' class path.)
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


def private_root() -> Path:
    return Path(settings.GONGKAI_PRIVATE_MEDIA_ROOT)


@deconstructible(path="gongkai.common.storage.PrivateStorage")
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
        raise ValueError("该文件不通过公开地址提供，请使用下载视图。")


private_storage = PrivateStorage()
