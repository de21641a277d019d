"""Codes of 找错 reports: ``ZC-XXXX-XXXX-XX`` and a verification code stored hashed (``gongkai.common.tracking``)."""

from gongkai.common.tracking import CodeScheme

SCHEME = CodeScheme("ZC", "gongkai.errata.verification")
