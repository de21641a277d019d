def nav(request):
    """Whether the workspace navigation offers 后台作业 (only to those who may open it)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from .access import can_view_jobs

    return {"nav_can_jobs": can_view_jobs(user)}
