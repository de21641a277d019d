"""Every business action on an application (依申请公开办理), one function each, split by topic.

Each runs in a transaction, checks the actor's right to act (``foi/access.py``), validates the dates against the
law (``core.foi_rules``), writes a typed record plus a dated ``CaseEvent`` (the timeline; ledger events feed the
deadline), recomputes the due date and writes an audit event. A refusal raises ``FoiError`` (``FoiAccessRefused``
for a missing right) with a Chinese message naming the problem and the fix; nothing is half-saved.

The object acted on comes first; ``actor`` (the staff user, or None for the system: public intake, commands,
jobs, demo) and every further argument are keyword-only. ``foi.services`` re-exports the public names.
"""
