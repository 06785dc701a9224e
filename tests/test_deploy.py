"""Production settings pass Django's deployment checks, and the documented deployment files work."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_SECRET_KEY": "x" * 60 + "-a-long-random-production-secret",
    "DJANGO_HTTPS": "true",
    "DJANGO_ALLOWED_HOSTS": "legpain.example.org",
    "DJANGO_DEBUG": "false",
}


def run(*args, env=None):
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_gives_no_warnings_with_production_settings():
    result = run("manage.py", "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_a_malformed_setting_stops_start_up_with_its_name():
    result = run("manage.py", "check", env={**PRODUCTION, "DJANGO_HTTPS": "perhaps"})
    assert result.returncode != 0
    assert "DJANGO_HTTPS must be true or false" in result.stderr


def test_the_procfile_and_systemd_unit_start_gunicorn_with_a_valid_configuration():
    procfile = (ROOT / "docs/deploy/Procfile").read_text()
    unit = (ROOT / "docs/deploy/legpain.service").read_text()
    assert "gunicorn site_config.wsgi --config gunicorn.conf.py" in procfile
    assert "gunicorn site_config.wsgi --config gunicorn.conf.py" in unit
    result = run("-m", "gunicorn", "site_config.wsgi", "--config", "gunicorn.conf.py", "--check-config", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_example_environment_names_only_real_settings():
    readme = (ROOT / "README.md").read_text()
    for line in (ROOT / "docs/deploy/environment.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name = line.split("=", 1)[0]
            assert f"`{name}`" in readme, f"{name} is not documented in the README"


def test_the_admin_path_is_set_by_the_environment():
    script = (
        "import django; django.setup(); from django.urls import reverse; "
        "print(reverse('admin:index'), reverse('admin:login'))"
    )
    result = run(
        "-c", script, env={"DJANGO_SETTINGS_MODULE": "site_config.settings", "DJANGO_ADMIN_PATH": "staff-only"}
    )
    assert result.stdout.split() == ["/staff-only/", "/staff-only/login/"], result.stderr
    default = run("-c", script, env={"DJANGO_SETTINGS_MODULE": "site_config.settings"})
    assert default.stdout.split() == ["/admin/", "/admin/login/"], default.stderr


def test_the_deployment_files_agree_with_each_other_and_with_the_settings():
    unit = (ROOT / "docs/deploy/legpain.service").read_text()
    nginx = (ROOT / "docs/deploy/nginx.conf").read_text()
    environment = dict(
        line.split("=", 1)
        for line in (ROOT / "docs/deploy/environment.example").read_text().splitlines()
        if line and not line.startswith("#")
    )
    # gunicorn listens on the port nginx's upstream servers name.
    bound_port = re.search(r"--bind [\d.]+:(\d+)", unit).group(1)
    upstream_ports = set(re.findall(r"server [\d.]+:(\d+)", nginx))
    assert upstream_ports == {bound_port}
    # nginx refuses bodies at the app's own limit.
    assert re.search(r"client_max_body_size (\d+)k;", nginx).group(1) == str(
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1024
    )
    # nginx logs, like gunicorn, the path without its query and no Referer: Infobutton links carry diagnosis codes.
    log_format = re.search(r"log_format private (.+?);", nginx, re.DOTALL).group(1)
    assert "$uri" in log_format and not re.search(
        r"\$(request|request_uri|args|query_string|http_referer)\b", log_format
    )
    assert re.search(r"access_log \S+ private;", nginx) and "combined" not in nginx
    # nginx replaces X-Forwarded-For with the one address it saw, so the app trusts exactly one proxy.
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in nginx
    assert environment["TRUSTED_PROXY_COUNT"] == "1"
    # nginx says the scheme; the app trusts it, and gunicorn trusts the load balancer's address.
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in nginx and environment["DJANGO_BEHIND_PROXY"] == "true"
    assert environment["FORWARDED_ALLOW_IPS"] in nginx
    # Several servers share one database and one cache.
    assert environment["DATABASE_URL"].startswith("postgres://") and environment["REDIS_URL"].startswith("redis://")
    assert "var" in unit.split("ReadWritePaths=", 1)[1].splitlines()[0]
