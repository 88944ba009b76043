"""Languages: Kazakh first, then Russian and English; time in Kazakhstan."""

from config.env import BASE_DIR, env

LANGUAGE_CODE = "kk"
LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Almaty")
LANGUAGE_COOKIE_NAME = "bagalau_language"
#: Dates dd.mm.yyyy in Kazakh and Russian, one decimal point everywhere (config/formats).
FORMAT_MODULE_PATH = ["config.formats"]
