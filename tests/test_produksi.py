"""Production configuration: `check --deploy` clean with the settings a server uses, static files
collected under hashed, compressed names, and the sign-in lockout (django-axes)."""

import json
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from rencana_aksi.models import Riwayat, Role

from .factories import MembershipFactory, signs_in

PASSWORD = "rahasia-uji-123"  # the factories' password
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "zi_tracker.settings",
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "uji-" + "k3y-yang-panjang-dan-acak-" * 3,
    "DJANGO_ALLOWED_HOSTS": "zi.kpu-contoh.go.id",
    "DJANGO_BEHIND_PROXY": "1",
    "PATH": "/usr/bin:/bin",
}


def _manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**PRODUCTION, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_check_deploy_is_clean_with_production_settings():
    out = _manage("check", "--deploy", "--fail-level", "WARNING")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "no issues" in out.stdout
    # And it does catch a bad setting: without HTTPS the same check fails.
    insecure = _manage("check", "--deploy", "--fail-level", "WARNING", DJANGO_HTTPS="0")
    assert insecure.returncode != 0 and "security.W008" in insecure.stderr


def test_production_needs_a_secret_key():
    out = _manage("check", DJANGO_SECRET_KEY="")
    assert out.returncode != 0 and "DJANGO_SECRET_KEY" in out.stderr


def test_static_files_are_collected_with_hashed_compressed_names(tmp_path):
    out = _manage("collectstatic", "--noinput", "-v0", DJANGO_STATIC_ROOT=str(tmp_path))
    assert out.returncode == 0, out.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    hashed = manifest["css/app.css"]
    assert hashed != "css/app.css" and hashed.startswith("css/app.") and hashed.endswith(".css")
    assert (tmp_path / hashed).is_file() and (tmp_path / f"{hashed}.gz").is_file()
    # The served page names the hashed file.
    page = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.test import Client; "
            "print(Client().get('/masuk/', headers={'x-forwarded-proto': 'https'}, "
            "SERVER_NAME='zi.kpu-contoh.go.id').content.decode())",
        ],
        cwd=settings.BASE_DIR,
        env={**PRODUCTION, "DJANGO_STATIC_ROOT": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert f"/static/{hashed}" in page.stdout, page.stderr[-2000:]


# ---- sign-in lockout


@pytest.fixture
def leader(office_a):
    return MembershipFactory(satker=office_a, role=Role.PIMPINAN, user__username="ketua").user


def _wrong(client, username, times, ip):
    for _ in range(times):
        client.post(reverse("login"), {"username": username, "password": "salah"}, REMOTE_ADDR=ip)


def test_wrong_passwords_lock_that_username_from_that_address(client, leader):
    limit = settings.AXES_FAILURE_LIMIT
    _wrong(client, "ketua", limit - 1, "10.0.0.5")
    assert signs_in(client, "ketua", PASSWORD, ip="10.0.0.5")  # one short of the limit
    client.logout()
    # A success starts the count again; 25 wrong in a row then lock the right one out too.
    _wrong(client, "ketua", 25, "10.0.0.5")
    response = client.post(
        reverse("login"), {"username": "ketua", "password": PASSWORD}, REMOTE_ADDR="10.0.0.5"
    )
    assert response.status_code == 429
    body = response.content.decode()
    assert "Masuk dikunci sementara" in body and "Admin satker" in body
    assert "_auth_user_id" not in client.session


def test_one_address_cannot_lock_the_leader_out_from_another(client, leader):
    _wrong(client, "ketua", settings.AXES_FAILURE_LIMIT + 5, "203.0.113.9")
    assert signs_in(client, "ketua", PASSWORD, ip="10.0.0.5")


def test_guessing_other_names_does_not_lock_the_address(client, leader):
    for n in range(settings.AXES_FAILURE_LIMIT + 2):
        _wrong(client, f"tebakan{n}", 1, "10.0.0.5")
    assert signs_in(client, "ketua", PASSWORD, ip="10.0.0.5")


def test_admin_satker_sees_the_lock_and_lifts_it(client, office_a, leader, member_of, outsider):
    _wrong(client, "ketua", settings.AXES_FAILURE_LIMIT, "10.0.0.5")
    assert not signs_in(client, "ketua", PASSWORD, ip="10.0.0.5")
    members = reverse("tim:anggota", args=[office_a.pk])
    unlock = reverse("tim:buka_kunci", args=[office_a.pk, leader.pk])

    client.force_login(outsider)
    assert client.post(unlock).status_code == 404
    client.force_login(member_of(Role.KETUA_TIM))  # reads the team, may not manage it
    assert 'data-testid="terkunci"' in client.get(members).content.decode()
    assert client.post(unlock).status_code == 403
    client.force_login(member_of(Role.ADMIN))
    page = client.get(members).content.decode()
    assert 'data-testid="terkunci"' in page and "Buka kunci" in page
    done = client.post(unlock, follow=True).content.decode()
    assert "Kunci masuk" in done and "dibuka" in done
    assert Riwayat.objects.filter(objek__contains="kunci masuk").count() == 1
    assert 'data-testid="terkunci"' not in client.get(members).content.decode()

    client.logout()
    assert signs_in(client, "ketua", PASSWORD, ip="10.0.0.5")


def test_the_address_behind_nginx_is_the_one_it_forwards(client, leader, settings):
    settings.BEHIND_PROXY = True
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"),
            {"username": "ketua", "password": "salah"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_REAL_IP="203.0.113.9",
        )
    # Everyone comes through nginx at 127.0.0.1; only the guesser's own address is locked.
    response = client.post(
        reverse("login"),
        {"username": "ketua", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_REAL_IP="10.0.0.5",
    )
    assert response.status_code == 302


def test_environment_is_documented_in_env_example():
    example = (settings.BASE_DIR / ".env.example").read_text()
    source = (settings.BASE_DIR / "zi_tracker/settings.py").read_text()

    used = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', source))
    assert used, "no variables found"
    missing = {name for name in used if name not in example}
    assert missing == set()


KEEPS_CONNECTION = """
from django.core.signals import request_finished, request_started
from django.db import connection
request_started.send(sender=None)
connection.ensure_connection()
request_finished.send(sender=None)
print("terbuka" if connection.connection is not None else "tertutup")
"""


@pytest.mark.parametrize(("max_age", "expected"), [(None, "terbuka"), ("0", "tertutup")])
def test_a_worker_keeps_its_database_connection_between_requests(tmp_path, max_age, expected):
    """Production keeps a worker's database connection from one request to the next (a new
    PostgreSQL connection per request costs a server process each time); DJANGO_DB_CONN_MAX_AGE=0
    goes back to one per request."""
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    if max_age is not None:
        env["DJANGO_DB_CONN_MAX_AGE"] = max_age
    out = _manage("shell", "-c", KEEPS_CONNECTION, **env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[-1] == expected
