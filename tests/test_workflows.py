"""The GitHub Actions workflows: linted, and shaped as MAINTAINING.md promises.

zizmor audits them for security (offline: no network here), GitHub's schema
checks their syntax, and the tests below hold the structure in place: who may
write, what runs when, what the deploy waits for, and that `make ci` runs the
quick job's and the test job's steps in the same order.
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
from site_content import pr_summary

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.y*ml"))
SITE = GITHUB / "workflows" / "site.yml"
BIN = Path(sys.executable).parent
MAIN = "refs/heads/main"
# The jobs that run a pull request's code: read-only token, no secrets.
PULL_REQUEST_JOBS = ("content", "preview", "changes", "tests")
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


def test_checks_pull_requests_and_main_and_deploys_by_hand(site):
    assert {"pull_request", "push", "workflow_dispatch"} <= set(site["on"])
    # Not every branch: a pull request's commit would be checked twice, as a
    # push to its branch and as the pull request.
    assert site["on"]["push"] == {"branches": ["main"]}
    assert not (site["on"]["pull_request"] or {}).get("branches")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_no_workflow_runs_pull_requests_with_write_access(path):
    workflow = load(path)
    triggers = set(workflow["on"]) if isinstance(workflow["on"], dict | list) else {workflow["on"]}
    assert not triggers & {"pull_request_target", "workflow_run"}
    # Nor anywhere else (an `if:` asking for it), comments aside.
    code = [
        line.split(" #")[0]
        for line in path.read_text("utf-8").splitlines()
        if not line.lstrip().startswith("#")
    ]
    assert not [line for line in code if "pull_request_target" in line]
    # Read-only unless a job says otherwise.
    assert workflow["permissions"] == {"contents": "read"}


def test_only_the_deploy_job_may_write_and_only_to_pages(site):
    writers = {
        name: job.get("permissions", {})
        for name, job in site["jobs"].items()
        if "write" in (job.get("permissions") or {}).values()
    }
    assert writers == {"deploy": {"pages": "write", "id-token": "write"}}
    # Each job that builds a pull request's content says so itself: read only,
    # whatever the top level grants.
    for name in PULL_REQUEST_JOBS:
        assert site["jobs"][name]["permissions"] == {"contents": "read"}, name
    assert site["jobs"]["build-pages"]["permissions"] == {"contents": "read", "pages": "read"}


def test_no_job_that_runs_a_pull_request_uses_secrets(site):
    for name in PULL_REQUEST_JOBS:
        assert "secrets." not in yaml.safe_dump(site["jobs"][name]), name


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


# --- The quick check, the preview, the tests -----------------------------------


def steps_of(site: dict, job: str) -> list[dict]:
    return site["jobs"][job]["steps"]


def step_running(steps: list[dict], command: str) -> dict:
    return next(step for step in steps if step.get("run", "").strip() == command)


def uses(step: dict) -> str:
    return step.get("uses", "").split("@")[0]


def test_the_quick_job_checks_content_and_builds_and_nothing_more(site):
    job = site["jobs"]["content"]
    assert make_targets([step["run"] for step in job["steps"] if "run" in step]) == ["check", "build"]
    assert "needs" not in job and "if" not in job  # starts at once, on every event
    # Only the site's requirements, from the pip cache: no browser, no test tools.
    assert [uses(step) for step in job["steps"] if "uses" in step] == [
        "actions/checkout",
        "actions/setup-python",
    ]
    python = next(step for step in job["steps"] if uses(step) == "actions/setup-python")
    assert python["with"]["cache"] == "pip"
    # A cache of its own, keyed on the lock file it installs: what `make check` needs
    # (the Makefile's .site-installed), none of the test tools.
    assert python["with"]["cache-dependency-path"] == "requirements.txt"
    makefile = (ROOT / "Makefile").read_text("utf-8")
    for target in ("check", "build"):
        assert re.search(rf"^{target}: \$\(VENV\)/\.site-installed$", makefile, re.MULTILINE), target
    assert "-r requirements.txt" in re.search(
        r"^\$\(VENV\)/\.site-installed:.*\n\t(.*)", makefile, re.M
    ).group(1)
    # The check first: a partner's mistake is told before the build starts.
    assert make_targets([step["run"] for step in job["steps"] if "run" in step])[0] == "check"
    assert job["timeout-minutes"] <= 5


def test_the_preview_is_built_with_drafts_for_pull_requests_and_only_kept_as_an_artifact(site):
    job = site["jobs"]["preview"]
    assert job["if"] == "github.event_name == 'pull_request'"
    steps = job["steps"]
    build = step_running(steps, "make build")
    assert build["env"] == {"SIS_SHOW_DRAFTS": "true"}
    upload = next(step for step in steps if uses(step) == "actions/upload-artifact")
    assert upload["with"]["name"] == pr_summary.ARTIFACT_NAME
    assert upload["with"]["path"] == "site/"
    assert steps.index(build) < steps.index(upload)
    # Kept only when that build, with every rule of the site's build, passed.
    assert "if" not in upload and "continue-on-error" not in build
    # Nothing of a pull request reaches Pages.
    assert not {"actions/upload-pages-artifact", "actions/deploy-pages"} & {uses(s) for s in steps}


def test_the_summary_compares_with_the_base_and_is_written_even_when_the_build_fails(site):
    steps = steps_of(site, "preview")
    checkout = next(step for step in steps if uses(step) == "actions/checkout")
    assert checkout["with"]["fetch-depth"] >= 2  # the merge commit's parents
    summary = next(step for step in steps if "site_content.pr_summary" in step.get("run", ""))
    assert summary["if"] == "${{ !cancelled() }}"
    assert "git diff --name-status -z --no-renames HEAD^1 HEAD" in summary["run"]
    assert summary["run"].rstrip().endswith('>> "$GITHUB_STEP_SUMMARY"')
    assert summary["env"]["ARTIFACTS_URL"] == (
        "${{ github.server_url }}/${{ github.repository }}/actions/runs/${{ github.run_id }}#artifacts"
    )
    upload = next(step for step in steps if uses(step) == "actions/upload-artifact")
    assert summary["env"]["PREVIEW_BUILT"] == f"${{{{ steps.{upload['id']}.outcome == 'success' }}}}"
    assert "${{" not in summary["run"]  # values reach the script through env only


def test_the_tests_follow_the_quick_check_and_keep_the_screenshots(site):
    job = site["jobs"]["tests"]
    assert job["needs"] == ["content", "changes"]
    assert job["if"] == "needs.changes.outputs.code == 'true'"
    steps = job["steps"]
    python = next(step for step in steps if uses(step) == "actions/setup-python")
    assert python["with"]["cache"] == "pip"
    assert python["with"]["cache-dependency-path"] == "requirements*.txt"
    screenshots = next(step for step in steps if uses(step) == "actions/upload-artifact")
    assert screenshots["with"]["path"] == "test-results/"
    assert screenshots["if"] == "${{ !cancelled() }}"
    made = steps.index(step_running(steps, "make screenshots"))
    assert steps.index(step_running(steps, "make test")) < made < steps.index(screenshots)


def decide(tmp_path: Path, site: dict, event: str, *changed: str) -> str:
    """What the changes job says about a push of ``changed`` (or another event)."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    (tmp_path / "README.md").write_text("x\n", "utf-8")
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "before"], check=True)
    before = subprocess.run([*git, "rev-parse", "HEAD"], check=True, capture_output=True, text=True).stdout
    for name in changed:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("changed\n", "utf-8")
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "after", "--allow-empty"], check=True)
    step = next(step for step in steps_of(site, "changes") if step.get("id") == "decide")
    output = tmp_path / "output"
    environment = {
        "PATH": "/usr/bin:/bin",
        "EVENT": event,
        "BEFORE": before.strip(),
        "GITHUB_OUTPUT": str(output),
    }
    subprocess.run(["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=environment, check=True)
    return output.read_text("utf-8")


@pytest.mark.parametrize(
    ("event", "changed", "code"),
    [
        ("push", ["content/initiatives/x.yml", "docs/images/initiatives/x.jpg", "docs/en/x.md"], "false"),
        ("push", ["content/initiatives/x.yml", "hooks/x.py"], "true"),
        ("push", ["README.md"], "true"),
        ("push", ["overrides/main.html"], "true"),
        ("schedule", [], "false"),
        ("pull_request", ["content/initiatives/x.yml"], "true"),
        ("workflow_dispatch", [], "true"),
    ],
)
def test_only_a_push_of_content_alone_skips_the_tests(tmp_path, site, event, changed, code):
    assert decide(tmp_path, site, event, *changed) == f"code={code}\n"
    assert site["jobs"]["changes"]["outputs"]["code"] == "${{ steps.decide.outputs.code }}"
    assert "${{" not in next(s for s in steps_of(site, "changes") if s.get("id") == "decide")["run"]


def test_the_tests_run_the_browser_tests_on_a_browser_they_name(site):
    env = site["jobs"]["tests"]["env"]
    assert env["SIS_REQUIRE_BROWSER"] == "1"
    assert env["CHROMIUM_PATH"].startswith("/")


def test_the_jobs_a_pull_request_shows_are_named_in_swedish(site):
    names = {job: site["jobs"][job]["name"] for job in PULL_REQUEST_JOBS}
    assert names == {
        "content": "Innehåll och bygge",
        "preview": "Förhandsversion",
        "changes": "Ändrade filer",
        "tests": "Tester",
    }


def test_the_handbook_names_the_checks_to_require(site):
    readme = (ROOT / "MAINTAINING.md").read_text("utf-8")
    checklist = readme.split("## Checklist for maintainers: what to set on GitHub", 1)[1].split("\n## ", 1)[0]
    for job in ("content", "tests"):
        assert f"**{site['jobs'][job]['name']}**" in checklist, job


# --- Deploy: main only, after every check -------------------------------------


DEPLOY_CONDITION = (
    "!cancelled() && needs.build-pages.result == 'success' && needs.content.result == 'success'"
    " && (needs.tests.result == 'success' || needs.changes.outputs.code == 'false')"
)


def test_pages_are_built_and_deployed_from_main_only_after_the_checks(site):
    jobs = site["jobs"]
    build, deploy = jobs["build-pages"], jobs["deploy"]
    # Built beside the checks; published only after them: the content check always,
    # the tests too unless only content changed (then they are skipped, not failed).
    assert "needs" not in build
    assert deploy["needs"] == ["content", "changes", "tests", "build-pages"]
    assert " ".join(deploy["if"].split()) == DEPLOY_CONDITION
    assert f"github.ref == '{MAIN}'" in build["if"] and "pull_request" in build["if"]
    assert deploy["environment"]["name"] == "github-pages"
    used = [uses(step) for step in build["steps"] + deploy["steps"]]
    assert used.index("actions/configure-pages") < used.index("actions/upload-pages-artifact")
    assert used[-1] == "actions/deploy-pages"
    assert [uses(step) for step in deploy["steps"]] == ["actions/deploy-pages"]


def test_pages_build_takes_its_address_from_the_pages_settings(site):
    steps = site["jobs"]["build-pages"]["steps"]
    pages = next(step for step in steps if uses(step) == "actions/configure-pages")
    build = step_running(steps, "make build")
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


# --- CODEOWNERS ------------------------------------------------------------------


def test_codeowners_names_no_placeholder_team():
    # Review requests to a team that does not exist reach nobody, and a ruleset
    # requiring code owners' review would then block every merge.
    lines = (GITHUB / "CODEOWNERS").read_text("utf-8").splitlines()
    rules = [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
    assert not [line for line in rules if "@social-innovation-skane/" in line]
    # Until the maintainers name the real teams, no rule at all: every rule
    # needs an owner who exists.
    assert rules == []


def test_codeowners_tells_how_to_add_the_teams_in_both_languages():
    text = (GITHUB / "CODEOWNERS").read_text("utf-8")
    assert "Checklist for maintainers" in text
    assert "samverkanspart" in text and "partner" in text


# --- make ci is the quick job, then the tests -------------------------------------


def make_targets(commands: list[str]) -> list[str]:
    """The make targets the commands run, in order ('make -n X' only asks); `make check`'s
    own command, run directly for a log that ends with the check's line, counts as check."""
    targets = []
    for command in commands:
        targets += re.findall(r"(?:\bmake|\$\(MAKE\)) ([a-z][\w-]*)|(-m site_content\.check)\b", command)
    return ["check" if direct else target for target, direct in targets]


def test_make_ci_runs_the_quick_jobs_and_the_tests_steps_in_the_same_order(site):
    workflow = make_targets(
        [step["run"] for job in ("content", "tests") for step in steps_of(site, job) if "run" in step]
    )
    makefile = (ROOT / "Makefile").read_text("utf-8")
    recipe = re.search(r"^ci:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1)
    assert make_targets(recipe.splitlines()) == workflow
    assert workflow == ["check", "build", "install", "lint", "test", "screenshots"]


def test_ci_entry_point_runs_the_readmes_test_command_and_the_screenshots():
    script = (ROOT / ".ci" / "run").read_text("utf-8")
    commands = [line for line in script.splitlines() if line.startswith("make ")]
    assert commands == ["make test", "make screenshots"]  # everything, screenshots too
    assert "make test" in (ROOT / "README.md").read_text("utf-8")


def test_main_is_rebuilt_and_published_daily_to_move_past_events_down(site):
    # "Upcoming" is decided at build time (MAINTAINING.md, "News and events").
    (schedule,) = site["on"]["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month, weekday) == ("*", "*", "*") and minute.isdigit() and hour.isdigit()
    # A scheduled run is on main (GitHub runs schedules on the default branch),
    # is no pull request, and so builds and deploys; nothing else changes for it.
    condition = site["jobs"]["build-pages"]["if"]
    assert condition == f"github.ref == '{MAIN}' && github.event_name != 'pull_request'"
    # Nothing changed: the tests are not run again, and whatever build-pages built is published.
    deploy = site["jobs"]["deploy"]
    assert " ".join(deploy["if"].split()) == DEPLOY_CONDITION


def test_the_content_check_runs_as_make_check_does_and_talks_about_the_pull_requests_change(site):
    steps = steps_of(site, "content")
    checkout = next(step for step in steps if uses(step) == "actions/checkout")
    assert checkout["with"]["fetch-depth"] >= 2  # the merge commit's parents
    check = next(step for step in steps if "site_content.check" in step.get("run", ""))
    makefile = (ROOT / "Makefile").read_text("utf-8")
    recipe = re.search(r"^check:.*\n\t(.*)\n", makefile, re.MULTILINE).group(1)
    assert check["run"].rstrip().splitlines()[-1] == recipe.replace("$(BIN)", ".venv/bin").replace(
        " $(CHECK_FLAGS)", ""
    )
    assert "git diff --name-only -z --no-renames HEAD^1 HEAD" in check["run"]
    assert 'export SIS_CHANGED_FILES="$RUNNER_TEMP/changed-files"' in check["run"]
    assert "${{" not in check["run"]
