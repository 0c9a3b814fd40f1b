"""Test overrides: a fast password hasher, media in a throwaway folder, and an SQLite test
database in a file, so a child process (document rendering) can open the same database."""

import os
import tempfile

from .settings import *  # noqa: F403
from .settings import BASE_DIR, DATABASES, STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = os.environ.get("DJANGO_MEDIA_ROOT") or tempfile.mkdtemp(prefix="zi-test-media-")
ZI_BUKTI_ROOT = os.path.join(MEDIA_ROOT, "bukti")
if STORAGES["bukti"]["BACKEND"].endswith("FileSystemStorage"):
    STORAGES["bukti"]["OPTIONS"]["location"] = ZI_BUKTI_ROOT
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}
# The suite renders pages without running collectstatic first; the hashed storage of
# production is checked by a test of its own (tests/test_produksi.py).
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# Static files from the app folders as they are (no collected folder in a test run).
WHITENOISE_AUTOREFRESH = True
# Queue tests use a Redis database of their own, emptied by the test (CI runs its two suites
# side by side, each with its own database).
RQ_QUEUES = {
    "default": {
        "URL": os.environ.get("ZI_TEST_QUEUE_URL", "redis://127.0.0.1:6379/15"),
        "DEFAULT_TIMEOUT": 600,
    }
}
