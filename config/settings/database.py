"""Database: an SQLite file by default, else DATABASE_URL (postgres://user@host:5432/name)."""

import environ

from config.env import BASE_DIR, env

(BASE_DIR / "var").mkdir(exist_ok=True)  # home of the default SQLite file and media

# An empty DATABASE_URL means the default, so `DATABASE_URL= make …` selects SQLite.
DATABASE_URL = (
    env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'var' / 'bagalau.sqlite3'}"
)
DATABASES = {"default": environ.Env.db_url_config(DATABASE_URL)}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Serialise writers instead of failing with "database is locked" under the dev server.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
else:
    # Each worker thread keeps its PostgreSQL connection from one request to the next, checked
    # before it is reused: opening one on every request cost a server process each time
    # (`bench/load.py --floor`: /healthz 355 answers a second with a connection a request, 1,553
    # with persistent ones).
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=300)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
