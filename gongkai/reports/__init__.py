"""Annual reports (政府信息公开工作年度报告). For now: the ``gongkai annual-report check`` command over
``gongkai.core.annualreport``; drafting and publishing the unit and county reports come later."""
