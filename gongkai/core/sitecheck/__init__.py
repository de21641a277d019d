"""Framework-free parts of site inspection (网站检查): the periodic-disclosure due rules and the new-media
staleness rule. No Django here (import-linter checks it)."""
