"""Security: login throttling (django-axes), sessions, HTTPS, the Content-Security-Policy and the
size of request bodies. Every value comes from the environment (.env.example); the production
settings (config/settings/production.py) turn the HTTPS ones on by default."""

import datetime as dt

from csp.constants import NONE, SELF, UNSAFE_INLINE

from config.env import env

# --- Failed logins (django-axes): the login page and HTTP basic auth on the API alike ------------
# After LOGIN_FAILURE_LIMIT failures for one username, or from one address, within the lock-out
# time, every attempt (the right password too) is refused until the lock-out time has passed;
# a locked attempt never reaches the password hasher. A successful login clears the count of its
# username and address, so colleagues behind one office NAT are not locked out by each other's
# typing mistakes.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "bagalau.core.lockout.lockout_response"
AXES_VERBOSE = False
# Behind a reverse proxy: how many proxies set X-Forwarded-For (0 = use REMOTE_ADDR).
AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)
AUTHENTICATION_BACKENDS = [
    "bagalau.core.lockout.LockoutBackend",  # django-axes' AxesStandaloneBackend
    "django.contrib.auth.backends.ModelBackend",
]

# --- Sessions: they end after SESSION_IDLE_MINUTES without a request ------------------------------
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=30) * 60
SESSION_SAVE_EVERY_REQUEST = True  # each request restarts the idle time
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- HTTPS (on by default in production) ----------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Behind a proxy that terminates TLS and sets X-Forwarded-Proto.
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# --- Content-Security-Policy (django-csp): CSP=enforce (default), report-only or off -------------
# Scripts only from our own static files (HTMX, Swagger UI from drf-spectacular-sidecar); inline
# style attributes stay allowed (progress bars and tree indents set widths inline, HTMX adds its
# indicator style); no plugins, no framing, forms post only to us.
CSP_MODE = env.str("CSP", default="enforce")
CSP_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
CONTENT_SECURITY_POLICY = CSP_POLICY if CSP_MODE == "enforce" else None
CONTENT_SECURITY_POLICY_REPORT_ONLY = CSP_POLICY if CSP_MODE == "report-only" else None

# --- Request bodies: larger ones are refused (the API answers 413, bagalau/api/parsers.py) --------
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("MAX_REQUEST_BYTES", default=1024 * 1024)
