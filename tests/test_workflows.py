"""The GitHub Actions workflows: linted, and shaped as the README promises.

zizmor audits them for security (offline: no network here), GitHub's schema
checks their syntax, and the tests below hold the structure in place: who may
write, what runs when, what the deploy waits for, and that `make ci` runs the
check job's steps in the same order.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.y*ml"))
SITE = GITHUB / "workflows" / "site.yml"
BIN = Path(sys.executable).parent
MAIN = "refs/heads/main"
# uses: owner/repo[/path]@<commit SHA> # v1.2.3
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+\s*$")


def load(path: Path) -> dict:
    workflow = yaml.safe_load(path.read_text("utf-8"))
    # YAML 1.1 reads the key `on` as true.
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


@pytest.fixture(scope="module")
def site() -> dict:
    return load(SITE)


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


# --- Linters ----------------------------------------------------------------


def test_there_are_workflows_to_check():
    assert SITE in WORKFLOWS


def test_zizmor_finds_nothing_of_medium_severity_or_above():
    # No configuration file may switch audits off: --no-config.
    result = run(
        str(BIN / "zizmor"),
        "--offline",
        "--no-config",
        "--strict-collection",
        "--min-severity=medium",
        "--format=json",
        str(GITHUB),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == []
    assert "site.yml" in result.stderr and "dependabot.yml" in result.stderr  # both were audited


@pytest.mark.parametrize(
    ("schema", "path"),
    [("vendor.github-workflows", path) for path in WORKFLOWS]
    + [("vendor.dependabot", GITHUB / "dependabot.yml")],
    ids=lambda value: value.name if isinstance(value, Path) else value,
)
def test_files_match_githubs_schema(schema, path):
    result = run(str(BIN / "check-jsonschema"), "--builtin-schema", schema, str(path))
    assert result.returncode == 0, result.stdout + result.stderr


# --- Triggers and permissions ------------------------------------------------


def test_checks_every_pull_request_and_push_and_deploys_by_hand(site):
    assert {"pull_request", "push", "workflow_dispatch"} <= set(site["on"])
    assert (site["on"]["push"] or {}).get("branches") == ["**"]
    assert not (site["on"]["pull_request"] or {}).get("branches")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_no_workflow_runs_pull_requests_with_write_access(path):
    workflow = load(path)
    triggers = set(workflow["on"]) if isinstance(workflow["on"], dict | list) else {workflow["on"]}
    assert not triggers & {"pull_request_target", "workflow_run"}
    # Read-only unless a job says otherwise.
    assert workflow["permissions"] == {"contents": "read"}


def test_only_the_deploy_job_may_write_and_only_to_pages(site):
    writers = {
        name: job.get("permissions", {})
        for name, job in site["jobs"].items()
        if "write" in (job.get("permissions") or {}).values()
    }
    assert writers == {"deploy": {"pages": "write", "id-token": "write"}}
    assert "permissions" not in site["jobs"]["check"]  # the top level's read-only token
    assert site["jobs"]["build-pages"]["permissions"] == {"contents": "read", "pages": "read"}


def test_no_job_keeps_the_token_in_the_checkout(site):
    for name, job in site["jobs"].items():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, name


def test_actions_are_pinned_to_a_commit_with_the_version_in_a_comment():
    for path in [*WORKFLOWS, *GITHUB.rglob("action.y*ml")]:
        uses = [line for line in path.read_text("utf-8").splitlines() if re.match(r"^\s*(-\s+)?uses:", line)]
        assert uses, path
        for line in uses:
            assert PINNED.match(line), f"{path.name}: {line.strip()}"


# --- Check, then deploy ------------------------------------------------------


def test_check_job_installs_caches_and_keeps_the_built_site(site):
    steps = site["jobs"]["check"]["steps"]
    python = next(step for step in steps if step.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["cache"] == "pip"
    assert python["with"]["cache-dependency-path"] == "requirements*.txt"
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"
    assert steps.index(upload) > steps.index(next(step for step in steps if step.get("run") == "make build"))


def test_check_job_keeps_the_screenshots_even_when_tests_fail(site):
    steps = site["jobs"]["check"]["steps"]
    uploads = [step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@")]
    screenshots = next(step for step in uploads if step["with"]["path"] == "test-results/")
    assert screenshots["if"] == "${{ !cancelled() }}"
    assert steps.index(screenshots) > steps.index(
        next(step for step in steps if step.get("run") == "make test")
    )


def test_check_job_runs_the_browser_tests_on_a_browser_it_names(site):
    env = site["jobs"]["check"]["env"]
    assert env["SIS_REQUIRE_BROWSER"] == "1"
    assert env["CHROMIUM_PATH"].startswith("/")


def test_pages_are_built_and_deployed_from_main_only_after_the_checks(site):
    jobs = site["jobs"]
    build, deploy = jobs["build-pages"], jobs["deploy"]
    assert build["needs"] == "check"
    assert deploy["needs"] == "build-pages"
    assert f"github.ref == '{MAIN}'" in build["if"] and "pull_request" in build["if"]
    assert deploy["environment"]["name"] == "github-pages"
    uses = [step.get("uses", "").split("@")[0] for step in build["steps"] + deploy["steps"]]
    assert uses.index("actions/configure-pages") < uses.index("actions/upload-pages-artifact")
    assert uses[-1] == "actions/deploy-pages"
    assert [step.get("uses", "").split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


def test_pages_build_takes_its_address_from_the_pages_settings(site):
    steps = site["jobs"]["build-pages"]["steps"]
    pages = next(step for step in steps if step.get("uses", "").startswith("actions/configure-pages@"))
    build = next(step for step in steps if step.get("run") == "make build")
    assert build["env"]["SITE_URL"] == f"${{{{ steps.{pages['id']}.outputs.base_url }}}}/"
    assert f"steps.{pages['id']}.outputs.host" in build["env"]["CUSTOM_DOMAIN"]
    assert site["env"]["REPOSITORY_URL"] == "${{ github.server_url }}/${{ github.repository }}"


def test_runs_never_race_and_newer_pushes_cancel_older_checks(site):
    assert "github.ref" in site["concurrency"]["group"]
    assert site["concurrency"]["cancel-in-progress"] == f"${{{{ github.ref != '{MAIN}' }}}}"
    deploy = site["jobs"]["deploy"]["concurrency"]
    assert deploy["cancel-in-progress"] is False and "${{" not in deploy["group"]


def test_dependabot_keeps_actions_and_requirements_current():
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text("utf-8"))
    ecosystems = {update["package-ecosystem"]: update["directory"] for update in config["updates"]}
    assert ecosystems == {"github-actions": "/", "pip": "/"}


# --- make ci is the check job --------------------------------------------------


def make_targets(commands: list[str]) -> list[str]:
    """The make targets the commands run, in order ('make -n X' only asks)."""
    targets = []
    for command in commands:
        targets += re.findall(r"(?:\bmake|\$\(MAKE\)) ([a-z][\w-]*)", command)
    return targets


def test_make_ci_runs_the_check_jobs_steps_in_the_same_order(site):
    workflow = make_targets([step["run"] for step in site["jobs"]["check"]["steps"] if "run" in step])
    makefile = (ROOT / "Makefile").read_text("utf-8")
    recipe = re.search(r"^ci:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1)
    assert make_targets(recipe.splitlines()) == workflow
    assert workflow == ["install", "lint", "check", "build", "test"]


def test_ci_entry_point_runs_the_readmes_test_command():
    script = (ROOT / ".ci" / "run").read_text("utf-8")
    assert re.search(r"^make test$", script, re.MULTILINE)
    assert "make test" in (ROOT / "README.md").read_text("utf-8")
