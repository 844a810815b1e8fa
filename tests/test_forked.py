"""The check shares a large folder among forked children: the same results as alone.

A child is forked only from a process with no other thread (pytest-xdist's workers
have one), so the cases run in a Python of their own: each checks a copy of the
tests' own content alone and shared (shares of two files among three processes) and
prints both results, serialised as the content cache's tests compare them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from conftest import ROOT
from test_content_cache import edit, fixture_repository

CASES = textwrap.dedent(
    """
    import json, os, sys
    from pathlib import Path

    from site_content import check_content, forked, loader
    from test_content_cache import assert_bound, paths_of, problem_lines, serialised

    forked.MIN_SHARE = 2
    parent = os.getpid()
    load_initiative = loader.load_initiative
    child_fails = sharing = False


    def failing(path, *arguments, **keywords):
        child = os.getpid() != parent
        if child and child_fails:
            raise RuntimeError("a child that fails")
        if sharing:  # which process loads which initiative
            with open(log, "a", encoding="utf-8") as out:
                out.write(f"{'child' if child else 'parent'} {path.name}\\n")
        return load_initiative(path, *arguments, **keywords)


    loader.load_initiative = failing
    child_made = forked._Child.__init__


    def refused(self, *arguments, **keywords):  # the system gives no process
        raise OSError("Resource temporarily unavailable")

    children = []
    made = forked.Shares.__init__


    def counted(self, *arguments, **keywords):
        made(self, *arguments, **keywords)
        children.append(self.forked)


    forked.Shares.__init__ = counted


    def result(root, processes):
        content, problems = check_content(paths_of(root), processes=processes)
        entries = None
        if content is not None:
            assert_bound(content)
            kinds = ("partners", "initiatives", "vocabularies", "events", "news")
            entries = {kind: serialised(getattr(content, kind)) for kind in kinds}
        return {"entries": entries, "problems": problem_lines(problems)}


    results = {}
    for name, case in json.loads(sys.argv[1]).items():
        loader.MAX_ERRORS, child_fails = case["max_errors"], case["child_fails"]
        forked._Child.__init__ = refused if case["no_fork"] else child_made
        log = Path(case["root"]).parent / "loaded-in-children.txt"
        log.touch()
        children.clear()
        alone = result(Path(case["root"]), 1)
        sharing = True
        shared = result(Path(case["root"]), 3)
        sharing = False
        loads = [line.split() for line in log.read_text("utf-8").splitlines()]
        results[name] = {"alone": alone, "shared": shared, "children": list(children)}
        for who in ("parent", "child"):
            results[name][who] = sorted(file for process, file in loads if process == who)
    print(json.dumps(results))
    """
)

# Children per folder (partners, initiatives, events, news) for shares of two files.
SHARED_FOLDERS = [1, 2, 1, 2]
LATER_SHARES = ["angsbacken.yml", "hemligt-utkast.yml", "ostra-bryggan.yml", "zebrastigen.yml"]
NAMES = ("akerlyckan", "angsbacken", "ostra-bryggan", "zebrastigen")


@pytest.fixture(scope="module")
def cases(tmp_path_factory) -> dict:
    """Each case's results alone and shared, and the children each shared folder had."""
    spec = {}
    for name in ("valid", "mistakes", "child fails", "too many errors", "no fork"):
        root = fixture_repository(tmp_path_factory.mktemp("forked") / "repo")
        if name == "mistakes":  # an unknown partner and an unknown field, in later shares
            edit(root, "content/initiatives/zebrastigen.yml", "coompanion-skane", "coompanion-skone")
            edit(root, "content/initiatives/ostra-bryggan.yml", "\nstarted:", "\nstartad: 2017\nstarted:")
        if name == "too many errors":
            for slug in NAMES:
                edit(root, f"content/initiatives/{slug}.yml", "\nname:", "\nnamn: fel\nname:")
        spec[name] = {
            "root": str(root),
            "max_errors": 1 if name == "too many errors" else 1000,
            "child_fails": name == "child fails",
            "no_fork": name == "no fork",
        }
    environment = {**os.environ, "PYTHONPATH": f"{ROOT / 'hooks'}{os.pathsep}{ROOT / 'tests'}"}
    done = subprocess.run(
        [sys.executable, "-c", CASES, json.dumps(spec)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def test_a_shared_check_of_valid_content_gives_the_same_entries(cases):
    case = cases["valid"]
    assert case["children"] == SHARED_FOLDERS
    assert case["alone"]["entries"] is not None, case["alone"]["problems"]
    assert case["shared"] == case["alone"]
    # Six initiatives, two to a share: the children loaded the later four.
    assert case["parent"] == ["abborren.yml", "akerlyckan.yml"]
    assert case["child"] == LATER_SHARES


def test_a_shared_check_gives_the_same_problems_in_the_same_order(cases):
    case = cases["mistakes"]
    assert case["children"] == SHARED_FOLDERS
    assert case["shared"] == case["alone"]
    codes = [(line[0], line[4]) for line in case["alone"]["problems"]]
    assert ("content/initiatives/zebrastigen.yml", "unknown-partner") in codes, codes
    assert ("content/initiatives/ostra-bryggan.yml", "unknown-field") in codes, codes


def test_a_failing_child_leaves_its_share_to_the_parent(cases):
    case = cases["child fails"]
    assert case["children"] == SHARED_FOLDERS
    assert case["child"] == []
    assert case["parent"] == sorted(["abborren.yml", "akerlyckan.yml", *LATER_SHARES])
    assert case["alone"]["entries"] is not None
    assert case["shared"] == case["alone"]


def test_a_shared_check_stops_after_as_many_errors_as_one_alone(cases):
    case = cases["too many errors"]
    assert case["children"] == SHARED_FOLDERS
    assert case["shared"] == case["alone"]
    assert case["alone"]["problems"][-1][4] == "check-stopped"
    # An error allowed: each child stopped after the first file of its share, as one alone would.
    assert case["parent"] == ["abborren.yml", "akerlyckan.yml"]
    assert case["child"] == ["angsbacken.yml", "ostra-bryggan.yml"]


def test_a_check_with_no_process_to_fork_loads_every_file_itself(cases):
    case = cases["no fork"]
    assert case["children"] == [0, 0, 0, 0]
    assert case["child"] == []
    assert case["shared"] == case["alone"]
