"""The README's commands, CI and the Docker image stay the same commands."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    block = re.search(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    assert block, "README must start with a sh block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def docker_runs() -> list[str]:
    return re.findall(r"^RUN (.+)$", (ROOT / "Dockerfile").read_text(encoding="utf-8"), re.M)


def test_readme_starts_with_exactly_two_commands_run_then_test():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.index("```sh") < 60
    run, test = readme_commands()
    assert run.endswith("flask --app app run")
    assert test.endswith("python -m pytest")


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()


def test_the_image_installs_and_compiles_as_ci_does():
    runs = docker_runs()
    test = readme_commands()[1]
    assert "pip install --no-cache-dir -r requirements.txt" in runs
    assert "pybabel compile -d translations" in runs
    assert ".venv/bin/pybabel compile -d translations" in test
    dev = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8").splitlines()
    assert "-r requirements.txt" in dev, "CI must install what the image installs"


def test_runtime_dependencies_are_pinned():
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            assert re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][\w.]*", line), line


def test_the_image_runs_gunicorn_as_a_non_root_user_with_a_health_check():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^USER (?!root)\w+", dockerfile, re.M)
    assert "HEALTHCHECK" in dockerfile and "/healthz" in dockerfile
    assert '"gunicorn"' in dockerfile and '"app:create_app()"' in dockerfile
    assert '"--config", "gunicorn.conf.py"' in dockerfile and "gunicorn.conf.py" in dockerfile.split("COPY app.py")[1]


def test_the_image_builds_the_compressed_static_files_at_build_time():
    runs = docker_runs()
    assert runs.index("flask --app app build-static") > runs.index("pybabel compile -d translations")


def test_health_check_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_data(as_text=True) == "ok\n"


def test_the_app_factory_works_with_no_environment(monkeypatch):
    for name in ("SECRET_KEY", "TRUSTED_PROXIES", "FLASK_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    from app import create_app

    app = create_app()
    assert app.test_client().get("/healthz").status_code == 200


ROUTES = {
    ("GET", "/"),
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    ("GET", "/<lang>/"),
    ("GET", "/<lang>/reader-fails"),
    ("GET", "/<lang>/about"),
    ("GET", "/<lang>/guide"),
    ("POST", "/<lang>/guide"),
    ("POST", "/<lang>/guide/calendar.ics"),
    ("POST", "/api/v1/guide"),
    ("GET", "/api/v1/openapi.json"),
    ("GET", "/static/<path:filename>"),
    ("GET", "/<lang>/moushitatesho"),
    ("POST", "/<lang>/moushitatesho"),
    ("GET", "/<lang>/reception"),
    ("POST", "/<lang>/reception"),
    ("GET", "/r"),
    ("GET", "/sw.js"),
    ("GET", "/rules.json"),
    ("GET", "/<lang>/manifest.webmanifest"),
    ("GET", "/<lang>/offline"),
    ("GET", "/<lang>/guide/offline"),
    ("GET", "/<lang>/guide-texts.json"),
    ("POST", "/<lang>/feedback"),
    ("GET", "/<lang>/clinic"),
    ("GET", "/<lang>/clinic/poster"),
    ("GET", "/<lang>/kiosk"),
    ("GET", "/<lang>/kiosk/manifest.webmanifest"),
    ("POST", "/api/v1/guides"),
}


def test_route_inventory_so_printed_addresses_never_silently_disappear(app):
    """Addresses end up on clinic posters and QR flyers: removing one must be a decision."""
    found = {(method, rule.rule) for rule in app.url_map.iter_rules() for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert found == ROUTES


def test_ci_installs_the_browser_and_node_and_refuses_to_skip():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "export CI=true" in ci
    assert "chromium" in ci and "nodejs" in ci


K8S = ROOT / "deploy" / "k8s"


def k8s_documents() -> list[tuple[str, dict]]:
    import yaml

    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text(encoding="utf-8"))
    return [
        (name, document)
        for name in kustomization["resources"]
        for document in yaml.safe_load_all((K8S / name).read_text(encoding="utf-8"))
    ]


def test_every_kubernetes_manifest_validates_against_the_schemas():
    """kubernetes-validate carries the schemas in the package: no cluster and no network needed."""
    import kubernetes_validate

    listed = {name for name, _ in k8s_documents()}
    assert listed == {path.name for path in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    kinds = set()
    for name, document in k8s_documents():
        try:
            kubernetes_validate.validate(document, "1.37.0", strict=True)
        except kubernetes_validate.ValidationError as error:
            raise AssertionError(f"{name}: {error.message}") from error
        kinds.add(document["kind"])
    assert kinds == {"Deployment", "Service", "Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Job"}


def test_the_feedback_store_gets_its_database_and_a_migration_job():
    """Issue "feedback": PostgreSQL from DATABASE_URL, its schema made by a job before use."""
    documents = [doc for _, doc in k8s_documents()]
    deployment = next(doc for doc in documents if doc["kind"] == "Deployment")
    job = next(doc for doc in documents if doc["kind"] == "Job")
    for pod in (deployment["spec"]["template"]["spec"], job["spec"]["template"]["spec"]):
        env = {item["name"]: item for item in pod["containers"][0]["env"]}
        assert env["DATABASE_URL"]["valueFrom"]["secretKeyRef"] == {"name": "mochimono", "key": "DATABASE_URL"}
    assert job["spec"]["template"]["spec"]["containers"][0]["command"] == [
        "flask",
        "--app",
        "app",
        "feedback",
        "upgrade",
    ]


def test_the_deployment_runs_locked_down_with_probes_and_the_secret_from_a_secret():
    deployment = next(doc for _, doc in k8s_documents() if doc["kind"] == "Deployment")
    pod = deployment["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert {"cpu", "memory"} <= set(container["resources"]["requests"]) & set(container["resources"]["limits"])
    env = {item["name"]: item for item in container["env"]}
    assert env["SECRET_KEY"]["valueFrom"]["secretKeyRef"]["key"] == "SECRET_KEY"
    service = next(doc for _, doc in k8s_documents() if doc["kind"] == "Service")
    metrics_port = int(env["METRICS_PORT"]["value"])
    assert metrics_port not in {port.get("targetPort") for port in service["spec"]["ports"]}
    assert [port["targetPort"] for port in service["spec"]["ports"]] == ["http"]
    ingress = next(doc for _, doc in k8s_documents() if doc["kind"] == "Ingress")
    assert ingress["spec"]["tls"][0]["secretName"]


def test_the_gunicorn_config_warms_the_app_before_forking_and_keeps_connections_in_the_shared_queue():
    import runpy

    from app import create_app

    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["keepalive"] == 0 and config["worker_connections"] == config["threads"]
    app = create_app()
    config["warm_up"](app)
    assert len(app.jinja_env.cache) == len(app.jinja_env.list_templates())
