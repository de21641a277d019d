"""Business actions of active disclosure (主动公开), by topic; the only code that changes publishing data.

``catalog`` (公开目录), ``drafts`` (起草, 文号, attachments), ``scanning`` (scanner runs, masking, findings, the
wording list), ``review`` (保密审查), ``lifecycle`` (publication, withdrawal, archiving, dates and 有效性).
``gongkai.publishing.services`` re-exports the public names.
"""
