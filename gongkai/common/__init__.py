"""Django-aware helpers shared by every app (no models, no URLs): the view side of ``ServiceError``, rate limits.

Layering: ``gongkai.core`` (framework-free) < ``gongkai.common`` < ``gongkai.roles`` < the apps. Nothing here imports
an app.
"""
