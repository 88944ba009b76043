"""The cache the application processes share (`core.memo`: a whole-organisation answer worked out
by one process, or by the job worker after a change, serves the others). One process needs none:
the default keeps it in the process. Several processes on one server: a directory
(`filecache:///srv/bagalau/cache`, what `bagalau serve` uses unless told otherwise); several
servers: Redis (`redis://127.0.0.1:6379/1`)."""

from config.env import env

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        **env.cache_url("SHARED_CACHE_URL", default="locmemcache://bagalau-shared"),
        "TIMEOUT": 24 * 3600,
    },
}
