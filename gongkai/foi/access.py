"""Who may do what with an application (依申请公开): the one place for every rule of the app.

Built on ``gongkai.roles.permissions`` (units and roles). Services enforce with these functions, selectors decide
which buttons show with them, views answer 403 with them. ``user=None`` is the system (public intake, commands,
jobs, demo) and may do everything.

- every staff member sees the cases of their own units (the openness office: every unit); others get 404;
- registering and acting on a case (assigning, transferring, correction, extension requests, consultation, fees,
  replies, closing, notes, letters, attachments) needs the 依申请公开经办人 role in its unit (or the office);
- approving an extension needs the unit's leader (or the office), and nobody but the office approves their own;
- countersigning needs the legal adviser role *in the case's unit* — the office's county-wide role does not
  stand in for a lawyer's sign-off — and the drafter never countersigns their own reply;
- the applicant's personal data is shown only to those handling the case — the unit's application officers and
  legal advisers, the case's own officer — and the openness office (masked for everyone else, and in exports);
- letter templates, the office's rules and frequent requests are the office's; a unit's own settings are the
  office's or the unit leader's;
- every staff member may export the list of the cases they see (rows masked by ``can_see_personal``).
"""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.roles import Role, permissions


def _system(user) -> bool:
    return user is None


# --- seeing cases ------------------------------------------------------------------------------------------------
def can_see(user, case) -> bool:
    """The case belongs to one of the user's units (the office: every unit)."""
    return _system(user) or permissions.can_see_unit(user, case.unit_id)


def can_see_unit(user, unit) -> bool:
    """The unit is one of the user's (the office: every unit): its settings page is not hidden from them."""
    return _system(user) or permissions.can_see_unit(user, unit)


def scope(user, queryset: QuerySet, unit_field: str = "unit") -> QuerySet:
    """``can_see`` as a query: the cases (or their records, through ``unit_field``) the user may see."""
    if _system(user):
        return queryset
    return permissions.scope(user, queryset, unit_field)


def can_export(user) -> bool:
    """Any staff member exports the cases they see; rows they may not see in full are masked."""
    return _system(user) or bool(getattr(user, "is_authenticated", False))


# --- handling ----------------------------------------------------------------------------------------------------
def can_handle(user, case) -> bool:
    """Act on the case: the unit's 依申请公开经办人 or the openness office."""
    return _system(user) or permissions.has_role(user, Role.FOI_OFFICER, case.unit_id)


def can_register(user, unit=None) -> bool:
    """Register an application received by ``unit`` (or, without a unit, by any unit of the user)."""
    if _system(user):
        return True
    return permissions.has_role(user, Role.FOI_OFFICER, unit)


def register_unit_ids(user) -> set[int] | None:
    """The units whose applications the user may register; None means every unit."""
    if _system(user):
        return None
    return permissions.unit_ids_with_role(user, Role.FOI_OFFICER)


def can_assign(user, case, unit=None) -> bool:
    """分办/转办 (to ``unit``, default the case's own): whoever handles the case — the office included."""
    return can_handle(user, case)


def is_unit_officer(user, unit) -> bool:
    """The user holds the 依申请公开经办人 role in ``unit`` itself (the office's county-wide role does not make
    anyone a unit's officer): who may be named officer of a case, and who becomes it by drafting the reply."""
    unit_id = getattr(unit, "pk", unit)
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return user.memberships.filter(unit_id=unit_id, role=Role.FOI_OFFICER).exists()


def officer_candidates(units: QuerySet) -> QuerySet:
    """The users who may be named a case's officer in one of ``units`` (``is_unit_officer`` as a query)."""
    from gongkai.orgs.models import User

    return User.objects.filter(
        is_active=True, memberships__role=Role.FOI_OFFICER, memberships__unit__in=units
    ).distinct()


def officer_units(user) -> list:
    """The units in which ``user`` is an officer (shown beside their name when choosing an officer)."""
    return [m.unit for m in user.memberships.all() if m.role == Role.FOI_OFFICER]


# --- extensions and countersign ----------------------------------------------------------------------------------
def can_approve_extension(user, case) -> bool:
    """Approve or refuse an extension of the case: the unit's leader or the openness office."""
    return _system(user) or permissions.has_role(user, Role.LEADER, case.unit_id)


def can_decide_extension(user, extension) -> bool:
    """``can_approve_extension``, and never on one's own request (the office excepted)."""
    if not can_approve_extension(user, extension.request):
        return False
    if _system(user) or permissions.is_office_admin(user):
        return True
    return extension.requested_by_id != user.pk


def can_countersign(user, case) -> bool:
    """法律审核: a legal adviser of the case's own unit (not the office's county-wide role)."""
    if _system(user):
        return True
    return Role.LEGAL_ADVISER in permissions.roles_of(user, case.unit_id) and permissions.can_see_unit(
        user, case.unit_id
    )


def can_countersign_reply(user, reply) -> bool:
    """``can_countersign`` on the reply's case, and never the reply's own drafter."""
    if not can_countersign(user, reply.request):
        return False
    return _system(user) or reply.drafted_by_id != user.pk


# --- personal data -----------------------------------------------------------------------------------------------
def can_see_personal(user, case) -> bool:
    """The applicant's personal data in full (attachments, letters, unmasked exports)."""
    if _system(user):
        return True
    if permissions.is_office_admin(user):
        return True
    if case.officer_id and case.officer_id == getattr(user, "pk", None):
        return True
    return bool({Role.FOI_OFFICER, Role.LEGAL_ADVISER} & permissions.roles_of(user, case.unit_id))


# --- settings ----------------------------------------------------------------------------------------------------
def can_manage(user) -> bool:
    """Letter templates, the office's rules (办理规则) and frequent requests: the openness office."""
    return _system(user) or permissions.is_office_admin(user)


def can_edit_unit_profile(user, unit) -> bool:
    """A unit's own settings (a stricter reply limit, signature): the office or the unit's leader."""
    if _system(user):
        return True
    return permissions.is_office_admin(user) or permissions.has_role(user, Role.LEADER, unit)


# --- who is told (the same rules, read the other way) ----------------------------------------------------------
def _members(unit, role) -> list:
    from gongkai.orgs.models import Membership

    rows = Membership.objects.filter(unit=unit, role=role, user__is_active=True).select_related("user")
    return [m.user for m in rows]


def officers_of(unit) -> list:
    """The unit's 依申请公开经办人 (told of new, assigned and due cases without an officer)."""
    return _members(unit, Role.FOI_OFFICER)


def leaders_of(unit) -> list:
    """The unit's leaders (told of extensions awaiting approval)."""
    return _members(unit, Role.LEADER)


def advisers_of(unit) -> list:
    """The unit's legal advisers (told of replies awaiting countersign)."""
    return _members(unit, Role.LEGAL_ADVISER)


# --- the workspace cards ------------------------------------------------------------------------------------------
def has_foi_work(user) -> bool:
    """The user holds a role that handles, approves or countersigns applications (the cards show)."""
    relevant = {Role.FOI_OFFICER, Role.LEGAL_ADVISER, Role.LEADER, Role.OFFICE_ADMIN, Role.SYS_ADMIN}
    return bool(permissions.roles_of(user) & relevant)


def handles_cases(user) -> bool:
    """The user handles cases somewhere (an officer, the office, the operators)."""
    return bool(permissions.roles_of(user) & {Role.FOI_OFFICER, Role.OFFICE_ADMIN, Role.SYS_ADMIN})


def countersign_unit_ids(user) -> list[int]:
    """The units whose replies the user countersigns."""
    return list(user.memberships.filter(role=Role.LEGAL_ADVISER).values_list("unit_id", flat=True))


def approves_extensions(user) -> bool:
    """The user approves extensions somewhere (a leader, the office)."""
    return bool(permissions.roles_of(user) & {Role.LEADER, Role.OFFICE_ADMIN})


# --- masking (DOMAIN §4: phone 138****1234, ID 35*************123, address down to 乡镇/街道) -------------------
def mask_name(name: str) -> str:
    name = name or ""
    if len(name) <= 1:
        return name
    if len(name) <= 3:
        return name[0] + "*" * (len(name) - 1)
    return name[:2] + "*" * (len(name) - 3) + name[-1]


def mask_id(number: str) -> str:
    text = number or ""
    if len(text) <= 5:
        return "*" * len(text)
    return text[:2] + "*" * (len(text) - 5) + text[-3:]


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
    text = address or ""
    for marker in ("街道", "镇", "乡"):
        pos = text.find(marker)
        if pos >= 0:
            return text[: pos + len(marker)] + "****"
    return (text[:6] + "****") if len(text) > 6 else "****" if text else ""


PERSONAL_FIELDS = ("applicant_name", "id_number", "legal_rep", "contact_person", "phone", "email", "address")


def masked(case) -> dict:
    """The applicant block as someone without the right to see it gets it. Organisations' names and credit codes
    are public facts (not personal data), but their contact people are."""
    is_person = case.applicant_type == "natural_person"
    return {
        "applicant_name": mask_name(case.applicant_name) if is_person else case.applicant_name,
        "id_number": mask_id(case.id_number) if is_person else case.id_number,
        "legal_rep": mask_name(case.legal_rep),
        "contact_person": mask_name(case.contact_person),
        "phone": mask_phone(case.phone),
        "email": mask_email(case.email),
        "address": mask_address(case.address),
        "postcode": case.postcode,
    }


def applicant_view(user, case) -> tuple[dict, bool]:
    """(fields, full?) for rendering."""
    if can_see_personal(user, case):
        data = {f: getattr(case, f) for f in PERSONAL_FIELDS}
        data["postcode"] = case.postcode
        return data, True
    return masked(case), False
