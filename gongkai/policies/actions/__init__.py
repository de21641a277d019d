"""Business actions of the policy library (政策文件库), by topic; the only code that changes policy data.

``documents`` (文号, dates and term, 行政管理依据), ``validity`` (local rules, the derived status and its columns,
publishing's extension hooks), ``relations`` (修改/替代/废止/延续, suggestions, 新旧政策差异), ``proposals`` (跨单位文件关系提议: a relation on
another unit's document, accepted or rejected by that unit), ``evaluation``
(到期评估, cleanup campaigns), ``interpretations`` (解读 and its checklist), ``questions`` (政策问答, votes,
unanswered searches), ``packages`` (办事事项, 政策包). ``gongkai.policies.services`` re-exports the public names.
"""
