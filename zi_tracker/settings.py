"""Settings for ZI Tracker, read from the environment (django-environ).

Development defaults work on a bare machine: SQLite, DEBUG on, a throwaway secret key.
Production sets DJANGO_SECRET_KEY, DJANGO_DEBUG=0, DJANGO_ALLOWED_HOSTS and DATABASE_URL.
"""

from pathlib import Path

import environ

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
ALLOWED_HOSTS = env("DJANGO_ALLOWED_HOSTS")

INSTALLED_APPS = [
    "zi_tracker.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "rencana_aksi",
    "bukti_fisik",
    "monev",
    "tim",
    "lke",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "zi_tracker.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # Sizes and times read the same on every page (rencana_aksi.tampil).
            "builtins": ["rencana_aksi.templatetags.tampil"],
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

AUTH_USER_MODEL = "rencana_aksi.User"
# The default backend, plus the navbar's numbers loaded with the user's row.
AUTHENTICATION_BACKENDS = ["zi_tracker.navbar.Backend"]
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
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "bukti": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": ZI_BUKTI_ROOT},
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

SESSION_COOKIE_HTTPONLY = True
# Secure cookies wherever the site is served over HTTPS (production); `make run` serves the
# demo over plain HTTP on 127.0.0.1 and turns them off.
SECURE_COOKIES = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_FAILURE_VIEW = "zi_tracker.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
