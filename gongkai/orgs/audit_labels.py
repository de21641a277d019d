"""The Chinese names of the units' and accounts' audit actions (registered in ``AppConfig.ready``); the login
events (``auth.*``) are named by the audit app itself."""

LABELS = {
    "unit.create": "新建单位",
    "unit.update": "修改单位信息",
    "unit.deactivate": "停用单位",
    "unit.import": "导入单位",
    "unit.leaders": "修改领导信息",
    "staff.create": "新建账号",
    "staff.update": "修改账号",
    "membership.add": "授予岗位",
    "membership.remove": "撤销岗位",
}

# Before/after keys that are no field of the unit or account.
KEYS = {
    "leaders": "领导信息",
    "parent_id": "上级单位",
    "user": "账号",
    "username": "用户名",
    "role": "岗位",
    "roles": "岗位",
}

VALUES: dict[str, dict[str, str]] = {}
