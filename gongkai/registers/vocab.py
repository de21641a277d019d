"""Vocabularies of the registers (工作台账), with the documents they come from."""

from django.db import models


class TrainingForm(models.TextChoices):
    """培训形式."""

    SPECIAL = "special", "专题培训"
    MEETING = "meeting", "以会代训"
    ONLINE = "online", "线上培训"


class HearingKind(models.TextChoices):
    """领导听取汇报 / 专题研究 (工作要点：“年内至少听取一次政务公开工作汇报，研究解决重点难点问题”)."""

    REPORT = "report", "听取汇报"
    STUDY = "study", "专题研究"


class EvaluationMethod(models.TextChoices):
    """政策实施效果评价的方法."""

    SURVEY = "survey", "问卷调查"
    FORUM = "forum", "座谈访谈"
    DATA = "data", "数据分析"
    THIRD_PARTY = "third_party", "第三方评估"


class Conclusion(models.TextChoices):
    """评价结论: 继续执行 / 修改 / 废止."""

    CONTINUE = "continue", "继续执行"
    AMEND = "amend", "修改"
    REPEAL = "repeal", "废止"


class SubmissionKind(models.TextChoices):
    """信息报送: 政能亮 articles and ordinary 政务信息 submissions."""

    ZHENGNENGLIANG = "znl", "政能亮"
    INFO = "info", "政务信息报送"


class CaseLevel(models.TextChoices):
    """优秀案例的层级 (评选或推广的机关)."""

    COUNTY = "county", "县级"
    CITY = "city", "市级"
    PROVINCE = "province", "省级"
    NATIONAL = "national", "国家级"


class SupervisionKind(models.TextChoices):
    """督查通报: 通报批评, 约谈, 督查发现问题."""

    CRITICISM = "criticism", "通报批评"
    INTERVIEW = "interview", "约谈"
    INSPECTION = "inspection", "督查发现问题"


# Default rectification period (整改时限) in working days when the notice names none: the 通报 drafted by the
# work-plan ledger asks for "5个工作日内报送整改情况"; the office sets the period of each record.
DEFAULT_RECTIFY_WORKDAYS = 5
MAX_RECTIFY_WORKDAYS = 120
