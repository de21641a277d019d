"""Chinese labels of the assessment's audit actions."""

LABELS = {
    "assessment.scheme_created": "制定考核方案",
    "assessment.scheme_updated": "修改考核方案",
    "assessment.indicator_added": "添加考核指标",
    "assessment.indicator_removed": "删除考核指标",
    "assessment.entered": "录入评分",
    "assessment.confirmed": "确认评分",
    "assessment.computed": "计算考核成绩",
    "assessment.closed": "结束考核期（成绩冻结）",
    "assessment.recalculated": "重新计算已冻结成绩",
}
