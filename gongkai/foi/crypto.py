"""Encryption at rest of applicants' uploads (身份证明等附件加密存储).

Each file gets its own random key (Fernet: AES-128-CBC + HMAC-SHA256); that key is stored in the database only
wrapped (encrypted) with the master key, which lives outside the database:

- ``GONGKAI_FOI_FILE_KEY``: one or more Fernet keys, comma separated, newest first (rotation: add a new key in
  front, run ``gongkai foi rewrap-keys``, then drop the old one);
- otherwise the file named by ``GONGKAI_FOI_KEY_FILE`` (default ``var/foi_file.key``), created on first use
  outside production.

A stolen database alone, or the storage bucket alone, reveals nothing.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.files.storage import default_storage

from gongkai.common import storedfiles

STORAGE_DIR = "foi"


class KeyMissing(RuntimeError):
    pass


def _key_file() -> Path:
    return Path(settings.GONGKAI_FOI_KEY_FILE or (settings.VAR_DIR / "foi_file.key"))


def master_keys() -> list[bytes]:
    configured = settings.GONGKAI_FOI_FILE_KEY.strip()
    if configured:
        return [k.strip().encode() for k in configured.split(",") if k.strip()]
    path = _key_file()
    if not path.exists():
        if settings.PRODUCTION:
            raise KeyMissing(
                "生产环境必须设置 GONGKAI_FOI_FILE_KEY 或 GONGKAI_FOI_KEY_FILE（申请附件的加密主密钥）。"
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(Fernet.generate_key())
        path.chmod(0o600)
    return [k.strip() for k in path.read_bytes().splitlines() if k.strip()]


def _master() -> MultiFernet:
    return MultiFernet([Fernet(k) for k in master_keys()])


def encrypt_to_storage(data: bytes) -> tuple[str, str, str]:
    """Encrypt ``data`` with a fresh key; store it (``storedfiles``: removed again if the transaction rolls back);
    return (storage name, wrapped key, SHA-256 of the stored encrypted bytes)."""
    file_key = Fernet.generate_key()
    token = Fernet(file_key).encrypt(data)
    wrapped = _master().encrypt(file_key).decode()
    name, blob_sha256 = storedfiles.save_blob(f"{STORAGE_DIR}/{uuid.uuid4().hex}.bin", token)
    return name, wrapped, blob_sha256


def decrypt_from_storage(name: str, wrapped_key: str) -> bytes:
    try:
        file_key = _master().decrypt(wrapped_key.encode())
        with default_storage.open(name, "rb") as fh:
            return Fernet(file_key).decrypt(fh.read())
    except InvalidToken:
        raise KeyMissing("附件无法解密：加密主密钥与加密时不一致（请检查 GONGKAI_FOI_FILE_KEY）。")


def rewrap(wrapped_key: str) -> str:
    """Re-encrypt a file key with the newest master key (key rotation)."""
    return _master().rotate(wrapped_key.encode()).decode()


def delete_blob(name: str) -> None:
    """Remove a stored file once the transaction commits (a rolled-back purge keeps it)."""
    storedfiles.delete_on_commit(default_storage, name)


def decryption_problem() -> str:
    """Decrypt the first stored upload with the key this installation finds (``storedfiles`` probe, run by
    ``gongkai restore`` and ``gongkai check-files``): "" when it works or nothing is stored."""
    from .models import Attachment

    sample = Attachment.objects.filter(purged_at__isnull=True).exclude(blob="").order_by("pk").first()
    if sample is None:
        return ""
    try:
        data = decrypt_from_storage(sample.blob, sample.wrapped_key)
    except (KeyMissing, OSError) as exc:
        return f"依申请公开附件无法解密：{exc}"
    if hashlib.sha256(data).hexdigest() != sample.sha256:
        return "依申请公开附件解密后的内容与记录的哈希值不符。"
    return ""
