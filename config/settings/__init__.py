"""Django settings: one module per concern, every value from the environment."""

from config.settings.api import *  # noqa: F403
from config.settings.base import *  # noqa: F403
from config.settings.cache import *  # noqa: F403
from config.settings.database import *  # noqa: F403
from config.settings.email import *  # noqa: F403
from config.settings.files import *  # noqa: F403
from config.settings.i18n import *  # noqa: F403
from config.settings.jobs import *  # noqa: F403
from config.settings.security import *  # noqa: F403
