"""Settings for the site. Every value that differs between machines comes from the environment, read once here.

README.md has the table of variables.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from site_config.env import envbool, envint, envlist, envstr
from site_config.regions import EMERGENCY_NUMBERS

BASE_DIR = Path(__file__).resolve().parent.parent


def _local_secret_key() -> str:
    """A key kept in a git-ignored file, so local runs need no set-up and keep their sessions across restarts."""
    path = BASE_DIR / ".secret_key"
    try:
        # O_EXCL makes the first of several starting workers the only writer.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    key = secrets.token_urlsafe(50)
    with os.fdopen(fd, "w") as f:
        f.write(key)
    return key


SECRET_KEY = envstr("DJANGO_SECRET_KEY") or _local_secret_key()
DEBUG = envbool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS", [])

SITE_NAME = envstr("SITE_NAME", "Leg Pain Guide")
# The public address, used for canonical links, the sitemap and shared links. Empty: taken from each request.
SITE_URL = envstr("SITE_URL").rstrip("/")
# The words, numbers and spelling patients know: "us" or "gb" (site_config/regions.py).
SITE_REGION = envstr("SITE_REGION", "us").lower()
if SITE_REGION not in EMERGENCY_NUMBERS:
    raise ImproperlyConfigured(f"SITE_REGION must be one of {', '.join(EMERGENCY_NUMBERS)}, not {SITE_REGION!r}.")
EMERGENCY_NUMBER = envstr("EMERGENCY_NUMBER", EMERGENCY_NUMBERS[SITE_REGION])
ADMIN_PATH = envstr("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"

INSTALLED_APPS = [
    # The apps come first so their admin templates override Django's own.
    "education",
    "triage",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "reversion",
    "axes",
    "corsheaders",
]

MIDDLEWARE = [
    # First, so nothing reads an oversized body before it is refused.
    "site_config.limits.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    # Cached public pages are answered here, before the middleware below; see education/page_cache.py.
    "education.page_cache.PageCacheMiddleware",
    "site_config.regions.SpellingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "site_config.staff_sessions.StaffSessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "site_config.security.SiteCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "education.clinics.context.ClinicContextMiddleware",
    "education.clinics.embedding.EmbedFramingMiddleware",
    "site_config.errors.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

# Email to staff when an article moves on (education/work.py): printed to the log unless an SMTP server is named.
EMAIL_HOST = envstr("EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <noreply@localhost>")

# Staff sessions: 30 minutes idle, 12 hours at most (site_config/staff_sessions.py).
STAFF_IDLE_TIMEOUT = envint("STAFF_IDLE_TIMEOUT", 30 * 60)
STAFF_SESSION_AGE = envint("STAFF_SESSION_AGE", 12 * 60 * 60)
SESSION_COOKIE_AGE = STAFF_SESSION_AGE

# Staff sign in through the admin; a sign-in with an unsafe ?next= lands on the staff home page.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Staff logins lock for an hour after 5 failures for the same user name from the same address.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The real client behind the documented proxy, not the proxy's own address: otherwise five failures from anyone
# would lock every staff member with that user name out of the admin.
AXES_CLIENT_IP_CALLABLE = "site_config.clients.client_address"
AXES_VERBOSE = False

ROOT_URLCONF = "site_config.urls"
WSGI_APPLICATION = "site_config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "site_config.context_processors.site",
            ],
            "libraries": {"site": "site_config.templatetags"},
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# A running server must never replace a vanished SQLite file with an empty database (and report itself healthy):
# a file that exists at start-up is opened read-write without create. `migrate` on a new machine still creates it.
if DATABASES["default"]["ENGINE"].endswith("sqlite3") and Path(DATABASES["default"]["NAME"]).exists():
    DATABASES["default"]["NAME"] = f"file:{DATABASES['default']['NAME']}?mode=rw"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _release() -> str:
    """A digest of everything that shapes a rendered page, so no cached page or fragment outlives a deploy
    that changes it. RELEASE (a commit id, say) can name it instead."""
    digest = hashlib.sha256()
    sources = [BASE_DIR / "templates", BASE_DIR / "education", BASE_DIR / "triage", BASE_DIR / "static"]
    for folder in sources:
        for path in sorted(folder.rglob("*")):
            if path.suffix in {".html", ".yaml", ".py", ".css", ".js", ".txt"} and path.is_file():
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


RELEASE = envstr("RELEASE") or _release()
REDIS_URL = envstr("REDIS_URL")
# The default cache is shared by every process (Redis across servers, else files on this server), because the
# content version, clinic list and rate-limit counts in it must be one truth. Page bodies are kept per process in
# "pages": their keys carry the shared content version, so a change still reaches every worker at once.
CACHE_DIR = Path(envstr("CACHE_DIR") or BASE_DIR / "var" / "cache")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "site_config.caches.SoftRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "site_config.caches.SharedFileCache",
            "LOCATION": str(CACHE_DIR),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
    CACHES["ratelimit"] = {"BACKEND": "site_config.caches.CounterFileCache", "LOCATION": str(CACHE_DIR / "counters")}
CACHES["default"]["KEY_PREFIX"] = RELEASE
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "KEY_PREFIX": RELEASE,
    "OPTIONS": {"MAX_ENTRIES": 2000},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Public pages in English at / and in Spanish under /es/ (site_config/urls.py); the API takes ?lang=es.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = envstr("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# Set to a CDN address (https://cdn.example.org/static/) to serve static files from a CDN that pulls them from here.
STATIC_URL = envstr("STATIC_URL", "/static/")
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Pictures staff upload, and the starter diagrams: on this machine by default; on a shared store when there are
# several servers (docs/deploy.md).
MEDIA_ROOT = Path(envstr("MEDIA_ROOT") or BASE_DIR / "media")
MEDIA_URL = "/media/"
MEDIA_S3_BUCKET = envstr("MEDIA_S3_BUCKET")
STORAGES = {
    # With several app servers, pictures go to a shared S3-compatible store (requirements-s3.txt); the site still
    # serves them itself, from /media/, so pages name no other host.
    "default": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": envstr("MEDIA_S3_ENDPOINT") or None,
            "region_name": envstr("MEDIA_S3_REGION") or None,
            "access_key": envstr("MEDIA_S3_ACCESS_KEY") or None,
            "secret_key": envstr("MEDIA_S3_SECRET_KEY") or None,
            "file_overwrite": False,
        },
    }
    if MEDIA_S3_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names let whitenoise send far-future cache headers; it also writes gzip and brotli copies.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# No form here needs more than a long article (under 10 kB of Markdown) or a page of admin rows; refusing bigger
# bodies with a 400 keeps a script from making a server parse megabytes. The self-check API has its own 10 kB limit.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
# How many of a worker's requests run the site's code at once (site_config/admission.py); more only helps when
# requests wait on a slow database.
REQUESTS_AT_ONCE = envint("WEB_REQUESTS_AT_ONCE", 1)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 400

# Security headers. HTTPS-only settings switch on with DJANGO_HTTPS, since a local run is plain HTTP.
HTTPS = envbool("DJANGO_HTTPS", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and envbool("DJANGO_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = envint("DJANGO_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if envbool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# No inline script or style anywhere, and nothing from another site: see docs/adr and README.
# A CDN for static files is the site's own infrastructure, so its origin joins 'self'.
_static_origin = ["/".join(STATIC_URL.split("/")[:3])] if STATIC_URL.startswith("https://") else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, *_static_origin],
        "style-src": [SELF, *_static_origin],
        "img-src": [SELF, "data:", *_static_origin],
        "font-src": [SELF, *_static_origin],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
# Search and the self-check API: per client, counted in the shared cache (Redis when there are several servers).
RATELIMIT_ENABLE = envbool("RATELIMIT_ENABLE", True)
RATELIMIT_RATE = envstr("RATELIMIT_RATE", "60/m")
RATELIMIT_VIEW = "site_config.errors.rate_limited"
# Counted in Redis with several servers, else in counter files every worker of this server shares.
RATELIMIT_USE_CACHE = "ratelimit" if "ratelimit" in CACHES else "default"
RATELIMIT_FAIL_OPEN = True
# How many proxies in front of the app append to X-Forwarded-For; 0 trusts no header and uses the socket address.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
if not REDIS_URL:
    # One server's local memory is a fine counter for a single-server site; several servers need REDIS_URL.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# Any site may read the content API from a browser; it is public, read-only and carries no credentials.
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/(api/v1/(articles|lookup|openapi)|infobutton/)"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False

PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone", "payment", "usb",
        "interest-cohort", "browsing-topics",
    )
}  # fmt: skip

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"escape": {"()": "site_config.log_escaping.EscapeControlCharacters"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["escape"]}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    # django-axes logs every successful sign-in at INFO; failures and lockouts still show as warnings.
    "loggers": {"axes": {"level": "WARNING"}},
}
