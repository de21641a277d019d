"""Per-client rate limits through the cache (shared across servers when REDIS_URL is set)."""

from django.core.cache import cache


def hit(bucket: str, client: str | None, limit: int, window_seconds: int) -> bool:
    """Count one request; False once ``limit`` requests were made within the window (fixed window)."""
    key = f"gongkai:rl:{bucket}:{client or 'unknown'}"
    if cache.add(key, 1, window_seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window_seconds)
        return True
    return count <= limit
