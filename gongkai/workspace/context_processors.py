from gongkai.audit.access import can_browse
from gongkai.orgs.access import can_unlock_logins
from gongkai.roles import permissions


def nav(request):
    """What the workspace navigation may offer this user (links they would be refused are not shown)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_can_audit": can_browse(user),
        "nav_can_unlock": can_unlock_logins(user),
        # Office-only capabilities (政府公报) show their entry to the office alone.
        "nav_is_office": permissions.is_office_admin(user),
    }
