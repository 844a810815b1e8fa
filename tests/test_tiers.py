"""The test tiers: each test is marked from what it uses (tests/conftest.py), and a
test that builds a site without the marker fails instead of slowing `make test-fast`."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import pytest

from conftest import (
    BUILD_FIXTURES,
    LONG_MODULES,
    ROOT,
    SHARED_SITES,
    SPREAD_MODULES,
    TIER_MARKERS,
    _run_order,
    calls_a_build,
)

SAMPLES = """
def direct(): return build_site(source, target)
def through_a_helper(): return direct()
def in_a_lambda(): return [lambda: PendingBuild(source, target)]
def in_a_loop(): return in_a_loop()
def neither(): return copy_repository(target)
"""


def samples() -> dict:
    namespace: dict = {}
    exec(SAMPLES, namespace)  # here, not in this module: this test itself calls no build
    return namespace


@pytest.mark.parametrize(
    ("name", "builds"),
    [
        ("direct", True),
        ("through_a_helper", True),
        ("in_a_lambda", True),
        ("in_a_loop", False),
        ("neither", False),
    ],
)
def test_a_function_that_calls_a_build_is_found(name, builds):
    assert calls_a_build(samples()[name], {}) is builds


def test_every_shared_site_and_its_build_mark_a_test(request):
    assert set(SHARED_SITES) | set(SHARED_SITES.values()) | {"content_site"} <= BUILD_FIXTURES
    assert request.node.get_closest_marker("build") is None  # this test uses none


def test_a_build_started_by_an_unmarked_test_fails_it():
    with pytest.raises(pytest.fail.Exception, match="not marked `build`"):
        subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict"])


def test_a_build_in_this_process_by_an_unmarked_test_fails_it():
    from mkdocs.plugins import PluginCollection

    with pytest.raises(pytest.fail.Exception, match="not marked `build`"):
        PluginCollection().on_pre_build(config=None)


def test_other_commands_are_left_alone():
    assert subprocess.run([sys.executable, "-c", "pass"]).returncode == 0


def test_the_markers_are_registered_and_the_make_targets_select_by_them():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["pytest"]["ini_options"]
    assert [marker.split(":")[0] for marker in config["markers"]] == list(TIER_MARKERS)
    assert "--strict-markers" in config["addopts"]
    makefile = (ROOT / "Makefile").read_text("utf-8")
    recipe = {
        target: re.search(rf"^{target}:.*\n\t(.*)\n", makefile, re.MULTILINE).group(1)
        for target in ("test", "test-fast", "screenshots")
    }
    assert '-m "not build and not browser"' in recipe["test-fast"]
    assert "-m screenshots" in recipe["screenshots"]
    assert " -m " not in recipe["test"].replace(
        "python -m pytest", ""
    )  # all but screenshots (pyproject.toml)
    assert config["addopts"][-2:] == ["-m", "not screenshots"]


def test_make_tests_order_names_modules_that_exist_and_keeps_the_others_whole():
    """The order make test gives the workers (conftest.pytest_xdist_make_scheduler): a renamed
    module would silently lose its place; a module not spread stays one unit."""
    for module in (*LONG_MODULES, *SPREAD_MODULES):
        assert (ROOT / module).is_file(), module
    assert not set(LONG_MODULES) & SPREAD_MODULES
    spread, long_one = sorted(SPREAD_MODULES)[0], LONG_MODULES[0]
    units = {
        "tests/test_a.py": {"tests/test_a.py::x": False},
        "tests/test_b.py": {"tests/test_b.py::x": False, "tests/test_b.py::y": False},
        f"{spread}::one": {f"{spread}::one": False},
        long_one: {f"{long_one}::x": False},
    }
    assert _run_order(units) == [long_one, "tests/test_b.py", "tests/test_a.py", f"{spread}::one"]
