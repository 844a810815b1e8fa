"""`mkdocs serve` rebuilds only what changed, and the result is the same.

hooks/serve_cache.py and site_views reuse, while `mkdocs serve` runs, the
Markdown, page bodies, HTML and search entries of pages whose inputs did not
change. These builds run in this process, as `mkdocs serve` runs them, so that
the hook modules keep what they remember from one build to the next.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

SERVE_URL = "http://127.0.0.1:8000/"
EDITED = "initiativ/abborren.md"


def serve_build(source: Path, site: Path) -> None:
    """One build as `mkdocs serve` runs it after a save."""
    config = load_config(config_file=str(source / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    config.site_url = SERVE_URL
    build(config, serve_url=SERVE_URL)


def snapshot(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()
    }


def hook_module(source: Path, name: str):
    """The hook module MkDocs loaded from this copy of the repository."""
    path = str(source / "hooks" / f"{name}.py")
    return next(module for module in list(sys.modules.values()) if getattr(module, "__file__", None) == path)


@pytest.fixture(scope="module")
def rebuilds(showcase_source, tmp_path_factory):
    environment = pytest.MonkeyPatch()
    environment.setenv("NO_MKDOCS_2_WARNING", "1")
    environment.setenv("SOURCE_DATE_EPOCH", "1767225600")  # one build time in the feeds for all builds
    source = tmp_path_factory.mktemp("serve") / "repo"
    shutil.copytree(showcase_source, source)
    site = source.parent / "site"

    serve_build(source, site)
    cache = hook_module(source, "serve_cache")
    assert not cache._cache.reused  # nothing to reuse in the first build
    first = snapshot(site)

    path = source / "content" / "initiatives" / "abborren.yml"
    path.write_text(path.read_text("utf-8").replace("Klubben träffas", "Klubben ses", 1), "utf-8")
    serve_build(source, site)
    reused = set(cache._cache.reused)
    rebuilt = snapshot(site)
    cache.on_shutdown()

    # The same content built from scratch, nothing remembered.
    cache._cache = cache._Cache()
    sys.modules["site_views"]._bodies.clear()
    fresh_site = source.parent / "fresh"
    serve_build(source, fresh_site)
    fresh = snapshot(fresh_site)
    cache.on_shutdown()
    environment.undo()
    return {"first": first, "rebuilt": rebuilt, "fresh": fresh, "reused": reused}


def test_a_rebuild_reuses_the_pages_that_did_not_change(rebuilds):
    reused = rebuilds["reused"]
    # The edited entry's pages, in both languages (its JSON-LD may show any field).
    assert EDITED not in reused and "en/initiatives/abborren.md" not in reused
    # Pages that do not show it at all.
    assert "initiativ/akerlyckan.md" in reused
    assert "initiativ/kommun/bastad.md" in reused
    # Hand-written pages may show any entry (the landing page's newest ones): rebuilt.
    assert "index.md" not in reused and "initiativ/index.md" not in reused
    assert len(reused) > 5


def test_the_edit_is_in_the_rebuilt_page(rebuilds):
    page = rebuilds["rebuilt"]["initiativ/abborren/index.html"].decode()
    assert "Klubben ses" in page and "Klubben träffas" not in page
    assert "Klubben träffas" in rebuilds["first"]["initiativ/abborren/index.html"].decode()


def test_a_rebuild_writes_what_a_fresh_build_writes(rebuilds):
    rebuilt, fresh = rebuilds["rebuilt"], rebuilds["fresh"]
    assert sorted(rebuilt) == sorted(fresh)
    assert [name for name in fresh if rebuilt[name] != fresh[name]] == []
