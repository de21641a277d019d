"""Chinese names of the registers' audit actions."""

LABELS = {
    "registers.training_recorded": "登记培训",
    "registers.training_material_added": "上传培训材料",
    "registers.training_linked": "培训计入工作要点任务",
    "registers.hearing_recorded": "登记听取汇报",
    "registers.evaluation_recorded": "登记政策实施效果评价",
    "registers.submission_recorded": "登记信息报送",
    "registers.submission_adopted": "登记信息采用",
    "registers.case_recorded": "登记优秀案例",
    "registers.supervision_issued": "登记督查通报",
    "registers.supervision_rectified": "报送整改情况",
    "registers.supervision_due_recomputed": "重新计算整改期限",
}
