"""The sentiment ledger's actions by topic, re-exported by ``services``."""
