"""The work plan's business actions by topic (each in one transaction, each audited). ``services`` re-exports them.

importing  a 工作要点 → a draft plan (extract, resolve units)
review     corrections of a plan: its fields, units, texts, deadlines, split and merge
lifecycle  publish and archive
progress   progress reports by the owner units; the office confirms done
carry      回头看: last year's unfinished tasks into a new plan
"""
