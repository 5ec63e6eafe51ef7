"""Settings for Tiếp Dân: every value comes from the environment (12-factor).

A bad value stops start-up with a message that says which variable is wrong and why.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from tiepdan.people.keys import VaultKeyError, vault_keys_from_env

BASE_DIR = Path(__file__).resolve().parents[2]
PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("TIEPDAN_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"Biến môi trường {name}={raw!r} không hợp lệ: dùng 1/0, true/false, yes/no.")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"Biến môi trường {name}={raw!r} phải là một số nguyên.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"Biến môi trường {name}={raw!r} phải lớn hơn hoặc bằng {minimum}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("TIEPDAN_DEBUG")
# `make run` serves the demo; the `tiepdan` console script runs management commands and never serves.
RUN_DEMO = env_bool("TIEPDAN_RUN_DEMO")
CLI = env_bool("TIEPDAN_CLI")
# Under pytest the demo key and plain static storage are fine; nothing is served to the world.
TESTING = "pytest" in sys.modules or env_bool("TIEPDAN_TESTING")

_DEMO_SECRET = "tiepdan-demo-khong-dung-cho-san-xuat-0123456789abcdefghijklmnopqrstuvwxyz"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or RUN_DEMO or CLI or TESTING:
        SECRET_KEY = _DEMO_SECRET
    else:
        raise ImproperlyConfigured(
            "Thiếu biến môi trường SECRET_KEY. Đặt một khóa bí mật dài, ngẫu nhiên cho môi trường sản xuất "
            "(chỉ khi TIEPDAN_DEBUG=1 hoặc chạy `make run` mới dùng khóa mẫu)."
        )
elif len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("SECRET_KEY quá ngắn: cần ít nhất 32 ký tự ngẫu nhiên.")

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS",
    ["127.0.0.1", "localhost", "[::1]", "testserver"] if (DEBUG or RUN_DEMO or CLI or TESTING) else [],
)
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Thiếu biến môi trường ALLOWED_HOSTS (danh sách tên miền, cách nhau bởi dấu phẩy).")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
    "tiepdan.core.third_party.AxesConfig",
    "tiepdan.core",
    "tiepdan.orgs",
    "tiepdan.lawcal",
    "tiepdan.documents",
    "tiepdan.people",
    "tiepdan.cases",
    "tiepdan.petitions",
    "tiepdan.reception",
    "tiepdan.reports",
    "tiepdan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "tiepdan.core.middleware.RequestContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tiepdan.urls"
WSGI_APPLICATION = "tiepdan.wsgi.application"
AUTH_USER_MODEL = "core.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tiepdan.core.context_processors.navigation",
            ],
        },
    },
]

# --- Database: SQLite under var/ by default, PostgreSQL in production (DATABASE_URL) -----------------
_DEFAULT_DB = f"sqlite:///{VAR_DIR / 'tiepdan.sqlite3'}"
_db_url = os.environ.get("DATABASE_URL", "") or _DEFAULT_DB
try:
    _db: dict[str, Any] = dict(dj_database_url.parse(_db_url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60)))
except Exception as exc:  # dj_database_url raises several types for a malformed URL
    raise ImproperlyConfigured(f"DATABASE_URL không hợp lệ ({exc}). Ví dụ: postgres://user@host:5432/tiepdan") from None
if _db.get("ENGINE") not in {"django.db.backends.sqlite3", "django.db.backends.postgresql"}:
    raise ImproperlyConfigured("DATABASE_URL chỉ hỗ trợ sqlite:/// hoặc postgres://.")
if _db["ENGINE"] == "django.db.backends.sqlite3":
    Path(str(_db["NAME"])).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the web workers read while one writes; the timeout waits for a lock instead of failing.
    _db["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    _db["CONN_MAX_AGE"] = 0
if _db["ENGINE"] == "django.db.backends.postgresql" and not env_bool("TIEPDAN_PG_JIT", False):
    # PostgreSQL's JIT compiles any query whose estimated cost passes a threshold; the reports and the dashboard
    # run many short grouped scans that cross it, and compiling cost more than it saved (the dashboard's
    # by-field query: 0.86 s with JIT, 0.24 s without, at 1 M petitions — bench/README.md). TIEPDAN_PG_JIT=1
    # keeps the server's setting.
    _options = dict(_db.get("OPTIONS") or {})
    _options["options"] = (str(_options.get("options", "")) + " -c jit=off").strip()
    _db["OPTIONS"] = _options
DATABASES = {"default": _db}
IS_POSTGRES = _db["ENGINE"] == "django.db.backends.postgresql"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Covering indexes (INCLUDE) serve the reports on PostgreSQL, the production database; SQLite simply builds them
# without the extra columns, which is all an embedded demo needs.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# --- Cache, Celery (Redis in production; in-process when no broker is configured) --------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured("REDIS_URL phải bắt đầu bằng redis://, rediss:// hoặc unix://.")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"

# --- Authentication -------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Login throttling (django-axes): lock a username+address after repeated failures.
AXES_FAILURE_LIMIT = env_int("TIEPDAN_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("TIEPDAN_LOGIN_COOLOFF_MINUTES", 15, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "tiepdan.core.auth.lockout_response"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False
TOKEN_TTL_HOURS = env_int("TIEPDAN_TOKEN_TTL_HOURS", 12, minimum=1)
DEMO_PASSWORD = os.environ.get("TIEPDAN_DEMO_PASSWORD", "demo12345")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("TIEPDAN_SESSION_HOURS", 10, minimum=1) * 3600
SESSION_COOKIE_SECURE = env_bool("TIEPDAN_SECURE_COOKIES", not (DEBUG or RUN_DEMO or CLI))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Language and time: Vietnamese first, English second; Asia/Ho_Chi_Minh --------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
FORMAT_MODULE_PATH = ["tiepdan.formats"]

# --- Static and uploaded files ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not (DEBUG or TESTING)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploaded files live outside the web root and are served only through access-checked views.
MEDIA_ROOT = Path(os.environ.get("TIEPDAN_MEDIA_ROOT", VAR_DIR / "files"))
WHITENOISE_USE_FINDERS = DEBUG or TESTING

# --- REST API ----------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "tiepdan.core.auth.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "tiepdan.core.api.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tiếp Dân API",
    "DESCRIPTION": "API của hệ thống Tiếp Dân (tiếp công dân, xử lý đơn, giải quyết khiếu nại, tố cáo).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
}

# --- Logging: no personal data goes to logs (the audit trail lives in the database) ----------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TIEPDAN_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Error reports never copy submitted values (citizens' and denouncers' personal data).
DEFAULT_EXCEPTION_REPORTER_FILTER = "tiepdan.core.error_reports.NoPersonalDataFilter"

# --- Identity vault (Law on Denunciations 25/2018/QH14 Arts 9, 47–48): denouncers' identities are
# encrypted with these Fernet keys. TIEPDAN_VAULT_KEY = one or more urlsafe-base64 32-byte keys,
# comma-separated, newest first (rotation). Without it only DEBUG, tests and `make run` use a fixed demo
# key; production refuses to start (see docs/privacy.md).
try:
    TIEPDAN_VAULT_KEYS = vault_keys_from_env(
        os.environ.get("TIEPDAN_VAULT_KEY"),
        # The CLI may use the demo key only on the embedded demo database: a command run against a
        # production DATABASE_URL without the real key must not encrypt identities under a public key.
        allow_demo=DEBUG or RUN_DEMO or TESTING or (CLI and not os.environ.get("DATABASE_URL")),
    )
except VaultKeyError as exc:
    raise ImproperlyConfigured(str(exc)) from None

# --- Domain settings -----------------------------------------------------------------------------------
# How many working days before a due date a deadline counts as "due soon" (sắp đến hạn).
DUE_SOON_WORKING_DAYS = env_int("TIEPDAN_DUE_SOON_DAYS", 3, minimum=0)
# Largest attachment accepted, in MB (issue: 20 MB per file). Larger files are refused before being stored.
TIEPDAN_MAX_UPLOAD_MB = env_int("TIEPDAN_MAX_UPLOAD_MB", 20, minimum=1)
# A case open longer than this many days since acceptance is "kéo dài" (prolonged) on the oversight lists.
TIEPDAN_PROLONGED_DAYS = env_int("TIEPDAN_PROLONGED_DAYS", 365, minimum=1)

if TESTING:
    # Tests create many users; the production hasher (PBKDF2, ~1M iterations) would dominate the suite's time.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
