"""Units (单位), staff accounts and their roles."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from gongkai.core.creditcode import credit_code_error
from gongkai.roles import Role


class UnitKind(models.TextChoices):
    GOVERNMENT = "government", "县人民政府"
    OFFICE = "office", "政府办公室"
    DEPARTMENT = "department", "政府工作部门"
    TOWNSHIP = "township", "乡镇人民政府"
    SUBDISTRICT = "subdistrict", "街道办事处"
    ZONE = "zone", "开发区/管委会"
    INSTITUTION = "institution", "事业单位"
    VERTICAL = "vertical", "垂直管理单位"
    ENTERPRISE = "enterprise", "公共企事业单位"
    OTHER = "other", "其他"


def validate_credit_code(value: str) -> None:
    error = credit_code_error(value)
    if error:
        raise ValidationError(error)


class Unit(models.Model):
    """单位: a body that publishes information, handles applications and carries tasks."""

    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    kind = models.CharField("类型", max_length=20, choices=UnitKind.choices, default=UnitKind.DEPARTMENT)
    name = models.CharField("全称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=50, blank=True)
    # Other names the unit goes by in documents (县发改委, 发改委, 县发展改革委…), one per entry.
    aliases = models.JSONField("别名", default=list, blank=True)
    credit_code = models.CharField(
        "统一社会信用代码", max_length=18, blank=True, validators=[validate_credit_code]
    )
    index_prefix = models.CharField(
        "索引号前缀", max_length=40, blank=True, help_text="索引号的单位代码部分，如 11360732014XXXXX"
    )
    sort_order = models.IntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)
    # Contact details shown in the unit's 信息公开指南.
    address = models.CharField("办公地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    office_hours = models.CharField("办公时间", max_length=200, blank=True)
    phone = models.CharField("咨询电话", max_length=50, blank=True)
    fax = models.CharField("传真", max_length=50, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    website = models.URLField("网站", blank=True)
    # 机构职能: the unit's functions as published on the portal (one paragraph or item per line).
    functions = models.TextField("主要职能", blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = verbose_name_plural = "单位"
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"], condition=~models.Q(credit_code=""), name="unit_credit_code_unique"
            ),
            models.UniqueConstraint(
                fields=["index_prefix"], condition=~models.Q(index_prefix=""), name="unit_index_prefix_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def office_hours_text(self) -> str:
        """办公时间 as the public reads it: the recorded hours, saying once that statutory holidays are excluded;
        a unit that has recorded none gets the general rule instead of "暂未公布"."""
        hours = self.office_hours.strip().rstrip("。；;，,")
        if not hours:
            return "法定工作日办公时间（法定节假日除外）" + ("，具体时间请来电咨询" if self.phone else "")
        if "节假日" in hours:
            return hours
        return f"{hours}（法定节假日除外）"


class Leader(models.Model):
    """领导信息: one leader of a unit as the portal shows them — name, post and 分工 (areas of responsibility)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="leaders", verbose_name="单位")
    name = models.CharField("姓名", max_length=50)
    post = models.CharField("职务", max_length=100)
    duties = models.TextField("分工", blank=True)
    sort_order = models.IntegerField("排序", default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = verbose_name_plural = "单位领导"

    def __str__(self) -> str:
        return f"{self.post} {self.name}"


class User(AbstractUser):
    """Staff account (工作人员). The public never logs in; applicants follow cases by tracking code."""

    full_name = models.CharField("姓名", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    units = models.ManyToManyField(Unit, through="Membership", related_name="staff", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "工作人员"

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


class Membership(models.Model):
    """A person's role in a unit (一人可在多个单位、担任多个角色)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "岗位"
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.unit.display_name} · {self.get_role_display()}"


class LoginFailure(models.Model):
    """A failed login, kept to lock out password guessing (per account and per client address)."""

    username = models.CharField(max_length=150, db_index=True)
    client_ip = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    time = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.username} @ {self.client_ip} {self.time:%Y-%m-%d %H:%M}"
