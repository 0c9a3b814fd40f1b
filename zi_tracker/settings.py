"""Settings for ZI Tracker, read from the environment (django-environ).

Development defaults work on a bare machine: SQLite, DEBUG on, a throwaway secret key.
Production sets DJANGO_SECRET_KEY, DJANGO_DEBUG=0, DJANGO_ALLOWED_HOSTS and DATABASE_URL; every
variable is listed in .env.example.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env(
    DJANGO_DEBUG=(bool, True),
    DJANGO_ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
)

DEBUG = env("DJANGO_DEBUG")
# Only a development server may fall back to a key of its own; production must set one.
SECRET_KEY = env(
    "DJANGO_SECRET_KEY", default="dev-only-insecure-key" if DEBUG else environ.Env.NOTSET
)
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY kosong: isi dengan string acak yang panjang.")
ALLOWED_HOSTS = env("DJANGO_ALLOWED_HOSTS")

INSTALLED_APPS = [
    "zi_tracker.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_rq",
    "crispy_forms",
    "crispy_bootstrap5",
    "inti",
    "rencana_aksi",
    "bukti_fisik",
    "monev",
    "tim",
    "lke",
    "demo",
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
    "csp.middleware.CSPMiddleware",
    # Last, so it sees the outcome of every sign-in.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zi_tracker.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # Sizes and times read the same on every page (inti.tampil).
            "builtins": ["inti.templatetags.tampil"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zi_tracker.navbar.navbar",
            ],
        },
    },
]

WSGI_APPLICATION = "zi_tracker.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# A worker keeps its database connection across requests for this many seconds instead of
# opening one per request (on PostgreSQL a connection costs a new server process), and checks
# it is still alive before reusing it. 0 closes it after every request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_DB_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

AUTH_USER_MODEL = "rencana_aksi.User"
# The lockout check first (django-axes), then the default backend with the navbar's numbers
# loaded with the user's row.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "zi_tracker.navbar.Backend"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
# Our wording of a few Django messages ("kata sandi" everywhere), ahead of Django's own.
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Uploaded files live outside any public folder and are only sent through checked views.
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# Evidence files: stored under random names in a folder of their own, never served as static
# files; downloads go through a view that checks office and role.
ZI_BUKTI_ROOT = str(env.path("ZI_BUKTI_ROOT", default=str(Path(MEDIA_ROOT) / "bukti")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed names (whitenoise): a changed file gets a new address, so browsers may
    # cache every static file for a year. Needs `collectstatic` before serving.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "bukti": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": ZI_BUKTI_ROOT},
    },
}
# Evidence on S3-compatible object storage (django-storages) when ZI_S3_BUCKET is set: files are
# streamed up in parts, stay private, and downloads go through a link signed for a short while,
# handed out only after the same office and role checks. Credentials come from the environment
# as boto3 reads them (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).
ZI_S3_BUCKET = env("ZI_S3_BUCKET", default="")
if ZI_S3_BUCKET:
    STORAGES["bukti"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": ZI_S3_BUCKET,
            "endpoint_url": env("ZI_S3_ENDPOINT_URL", default=None),
            "region_name": env("ZI_S3_REGION", default="us-east-1"),
            "location": "bukti",
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": env.int("ZI_S3_URL_SECONDS", default=60),
            "file_overwrite": False,
            "signature_version": "s3v4",
            "addressing_style": "path",
        },
    }
# Largest evidence file accepted, in bytes (50 MB by default).
ZI_UPLOAD_MAX_BYTES = env.int("ZI_UPLOAD_MAX_BYTES", default=50 * 1024 * 1024)
# Partial files of resumable (tus) uploads, and how long an unfinished one is kept.
ZI_TUS_ROOT = str(env.path("ZI_TUS_ROOT", default=str(Path(MEDIA_ROOT) / "tus")))
ZI_TUS_EXPIRES_HOURS = env.int("ZI_TUS_EXPIRES_HOURS", default=24)
# Behind nginx, set to the internal location that maps to ZI_BUKTI_ROOT (e.g. "/_bukti/"):
# downloads are then answered with X-Accel-Redirect and nginx sends the bytes.
ZI_X_ACCEL_PREFIX = env("ZI_X_ACCEL_PREFIX", default="")
EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
# SMTP from one URL (smtp+tls://user:password@host:587), as django-environ reads it.
if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="ZI Tracker <zi-tracker@localhost>")
# Address printed in QR codes of issued documents, pointing at their verification page.
ZI_PUBLIC_URL = env("ZI_PUBLIC_URL", default="http://127.0.0.1:8000")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "monev:home"
LOGOUT_REDIRECT_URL = "login"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Dashboards cache their computed fragment per plan state and day; set CACHE_URL (e.g.
# redis://127.0.0.1:6379/1) so several worker processes share it.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://zi-tracker")}

# Background work (inti.antrean): with ZI_QUEUE_URL (e.g. redis://127.0.0.1:6379/0) it
# goes on an RQ queue that `manage.py rqworker` processes on any host; without it, each job
# starts in a child process of the web server (development, `make run`).
ZI_QUEUE_URL = env("ZI_QUEUE_URL", default="")
RQ_QUEUES = {"default": {"URL": ZI_QUEUE_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 600}}

SESSION_COOKIE_HTTPONLY = True
# A session ends this many hours after signing in (8 by default: one working day), and when
# the browser closes.
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_HOURS", default=8) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# HTTPS wherever the site is served to users (production): secure cookies, HSTS and the
# redirect from plain HTTP. `make run` serves the demo over plain HTTP on 127.0.0.1 and turns
# it off with DJANGO_HTTPS=0.
HTTPS = env.bool("DJANGO_HTTPS", default=not DEBUG)
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=365 * 24 * 3600) if HTTPS else 0
# The site's own name (zi.kpu-….go.id) rarely has names below it; those it has must be HTTPS.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_SUBDOMAINS", default=True)
# Preloading is asked for a whole domain by whoever runs it (the office's IT), not by one app
# under it, so the check that asks for it is silenced.
SECURE_HSTS_PRELOAD = False
SILENCED_SYSTEM_CHECKS = ["security.W021"]
# Behind nginx (docs/deploy.md) the proxy terminates TLS and says so in X-Forwarded-Proto, and
# gives the client's address in X-Real-IP. Only trust these when a proxy that overwrites them
# is in front: a client reaching gunicorn directly could forge them.
BEHIND_PROXY = env.bool("DJANGO_BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CSRF_FAILURE_VIEW = "zi_tracker.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy on every response (django-csp): scripts, styles and images come from
# this site only; no inline script or style is allowed, so injected markup cannot run. Data
# URIs are Bootstrap's own small icons in its stylesheet. Views that send a user's file set a
# stricter policy of their own.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Sign-in lockout (django-axes): counted per username and address together, so a stranger's
# guesses from elsewhere never lock a leader out of their own computer. The Admin satker can
# unlock a member on the team page; otherwise the lock lifts after the cool-off.
AXES_FAILURE_LIMIT = env.int("ZI_LOGIN_FAILURE_LIMIT", default=10)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# One key per person: every spelling of an account (username, email, any case) locks as one.
AXES_USERNAME_CALLABLE = "zi_tracker.navbar.kunci_login"
AXES_COOLOFF_TIME = timedelta(minutes=env.int("ZI_LOGIN_COOLOFF_MINUTES", default=30))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/terkunci.html"
AXES_CLIENT_IP_CALLABLE = "zi_tracker.jaringan.client_ip"
AXES_VERBOSE = False
