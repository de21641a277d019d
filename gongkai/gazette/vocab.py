"""Vocabularies of the government gazette (政府公报) and where they come from.

《国务院办公厅关于做好政府公报工作的通知》(2018年4月): 政府公报是刊登行政法规和规章标准文本的法定载体; 电子版在政府网站首页
设专栏, 与纸质版格式一致; 县级政府 "可结合实际积极探索创办". 条例第二十三条 names 政府公报 a channel of active
disclosure.
"""

from django.db import models

GAZETTE_SOURCE = (
    "政府公报是刊登规章和行政规范性文件标准文本的法定载体，电子版与纸质版内容、格式一致"
    "（《国务院办公厅关于做好政府公报工作的通知》，2018年；《中华人民共和国政府信息公开条例》第二十三条）。"
)


class IssueState(models.TextChoices):
    DRAFT = "draft", "编辑中"
    PUBLISHED = "published", "已出版"


class Section(models.TextChoices):
    """栏目 of an issue, in the order they are printed."""

    GOVERNMENT = "government", "县政府文件"
    OFFICE = "office", "县政府办公室文件"
    DEPARTMENT = "department", "部门规范性文件"
    TOWNSHIP = "township", "乡镇（街道）规范性文件"
    POLICY = "policy", "其他政策文件"


SECTION_ORDER = {value: i for i, value in enumerate(Section.values)}


class RecipientKind(models.TextChoices):
    """赠阅 recipients (公报 is sent free to the public reading places)."""

    LIBRARY = "library", "公共图书馆"
    ARCHIVES = "archives", "档案馆"
    SERVICE_HALL = "service_hall", "政务服务中心政务公开专区"
    OTHER = "other", "其他查阅点"


MAX_COPIES = 10000
