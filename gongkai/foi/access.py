"""Who may do what with an application (on top of ``gongkai.orgs.permissions``, the one place for checks).

- every staff member sees the cases of their own units (the openness office: every unit); others get 404;
- acting on a case needs the 依申请公开经办人 role in its unit (or the openness office);
- approving an extension needs the unit's leader (or the openness office);
- countersigning needs the legal adviser role *in the case's unit* — the office's county-wide role does not
  stand in for a lawyer's sign-off;
- the applicant's personal data is shown only to those handling the case — the unit's application officers and
  legal advisers, the case's own officer — and the openness office (masked for everyone else, and in exports).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from gongkai.orgs import permissions
from gongkai.orgs.roles import Role


def can_handle(user, req) -> bool:
    if user is None:
        return True  # the system (commands, demo)
    return permissions.has_role(user, Role.FOI_OFFICER, req.unit)


def require_handle(user, req) -> None:
    if not can_handle(user, req):
        raise PermissionDenied("您不是该申请办理单位的依申请公开经办人，不能办理此申请。")


def can_approve_extension(user, req) -> bool:
    if user is None:
        return True
    return permissions.has_role(user, Role.LEADER, req.unit)


def can_countersign(user, req) -> bool:
    if user is None:
        return True
    return Role.LEGAL_ADVISER in permissions.roles_of(user, req.unit) and permissions.can_see_unit(
        user, req.unit
    )


def can_see_personal(user, req) -> bool:
    if user is None:
        return True
    if permissions.is_office_admin(user):
        return True
    if req.officer_id and req.officer_id == getattr(user, "pk", None):
        return True
    return bool({Role.FOI_OFFICER, Role.LEGAL_ADVISER} & permissions.roles_of(user, req.unit))


def require_office(user) -> None:
    if user is not None and not permissions.is_office_admin(user):
        raise PermissionDenied("只有政务公开办管理员可以进行此项设置。")


# --- masking (DOMAIN §4: phone 138****1234, ID 35*************123, address down to 乡镇/街道) -------------------
def mask_name(name: str) -> str:
    name = name or ""
    if len(name) <= 1:
        return name
    if len(name) <= 3:
        return name[0] + "*" * (len(name) - 1)
    return name[:2] + "*" * (len(name) - 3) + name[-1]


def mask_id(number: str) -> str:
    s = number or ""
    if len(s) <= 5:
        return "*" * len(s)
    return s[:2] + "*" * (len(s) - 5) + s[-3:]


def mask_phone(phone: str) -> str:
    digits = "".join(c for c in phone or "" if c.isdigit())
    if len(digits) == 11:
        return digits[:3] + "****" + digits[-4:]
    if len(digits) <= 4:
        return "*" * len(digits)
    return "*" * (len(digits) - 4) + digits[-4:]


def mask_email(email: str) -> str:
    if "@" not in (email or ""):
        return "*" * len(email or "")
    local, domain = email.split("@", 1)
    return (local[:1] + "***@" + domain) if local else "***@" + domain


def mask_address(address: str) -> str:
    """Keep the address up to the 乡镇/街道 (or the first 6 characters), star the rest."""
    s = address or ""
    for marker in ("街道", "镇", "乡"):
        i = s.find(marker)
        if i >= 0:
            return s[: i + len(marker)] + "****"
    return (s[:6] + "****") if len(s) > 6 else "****" if s else ""


PERSONAL_FIELDS = ("applicant_name", "id_number", "legal_rep", "contact_person", "phone", "email", "address")


def masked(req) -> dict:
    """The applicant block as someone without the right to see it gets it. Organisations' names and credit codes
    are public facts (not personal data), but their contact people are."""
    is_person = req.applicant_type == "natural_person"
    return {
        "applicant_name": mask_name(req.applicant_name) if is_person else req.applicant_name,
        "id_number": mask_id(req.id_number) if is_person else req.id_number,
        "legal_rep": mask_name(req.legal_rep),
        "contact_person": mask_name(req.contact_person),
        "phone": mask_phone(req.phone),
        "email": mask_email(req.email),
        "address": mask_address(req.address),
        "postcode": req.postcode,
    }


def applicant_view(user, req) -> tuple[dict, bool]:
    """(fields, full?) for rendering."""
    if can_see_personal(user, req):
        data = {f: getattr(req, f) for f in PERSONAL_FIELDS}
        data["postcode"] = req.postcode
        return data, True
    return masked(req), False
