"""Private file storage for attachments: outside MEDIA_ROOT, never served by URL.

Originals may hold personal data until they are masked, so no file of this app is reachable under /media/:
staff download through a permission-checked view, the public only the masked copy of a published item.
It is the shared private storage (``gongkai.common.storage``, ``GONGKAI_PRIVATE_MEDIA_ROOT``) under its own
class path, which the migrations name, with the attachment's wording when someone asks for a public address.
"""

from django.utils.deconstruct import deconstructible

from gongkai.common import storage


@deconstructible(path="gongkai.publishing.storage.PrivateStorage")
class PrivateStorage(storage.PrivateStorage):
    def url(self, name):
        raise ValueError("附件不通过公开地址提供，请使用下载视图。")


private_root = storage.private_root
private_storage = PrivateStorage()
