"""Check all content without building the site: ``make check``.

    PYTHONPATH=hooks python -m site_content.check [--lang en] [--strict] [--root .]
        [--changed-files FILE]

Prints every problem of the run (file:line:column, field, what is wrong and
what to write instead), in Swedish unless ``--lang en`` or SIS_LANG=en. Exit
status 0 when there are no errors (and, with --strict, no warnings). Under
GitHub Actions each problem is also printed as a workflow annotation, so it
shows on the changed line of the pull request.

``--changed-files`` (or SIS_CHANGED_FILES) names a file listing the paths a pull
request changes (NUL- or newline-separated, as ``git diff --name-only -z``
writes them; '-': standard input). The check then talks about that change:
warnings in other files are told once, folded, as already known, and neither
annotated nor counted; errors anywhere are told in full, since they stop the
build. The last line is always the check's own count or "in order".
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import yaml

from . import forked
from .loader import ContentPaths, check_content
from .problems import Problem, shown_per_kind
from .strings import Strings, load_strings

SUMMARY = {
    "sv": {
        "ok": "Innehållet är i ordning.",
        "error": "Fel",
        "warning": "Varning",
        "known": "Redan kända: {warnings} i filer som den här ändringen inte rör:",
        "no-suggest-email": (
            "Till förvaltarna: ingen adress för tips är satt (extra.suggest_email i mkdocs.yml, eller "
            "SIS_SUGGEST_EMAIL). Sidan Tipsa om ett initiativ ger då besökaren texten att kopiera och "
            "hänvisar till samverkansparternas egna webbplatser."
        ),
    },
    "en": {
        "ok": "The content is in order.",
        "error": "Error",
        "warning": "Warning",
        "known": "Already known: {warnings} in files this change does not touch:",
        "no-suggest-email": (
            "To the maintainers: no address for suggestions is set (extra.suggest_email in mkdocs.yml, "
            "or SIS_SUGGEST_EMAIL). The Suggest an initiative page then gives visitors the text to copy "
            "and points them to the partners' own websites."
        ),
    },
}


class _SettingsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's own tags: ``!ENV [NAME, default]`` as MkDocs does, others as nothing."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node):
    names = (
        loader.construct_sequence(node)
        if isinstance(node, yaml.SequenceNode)
        else [loader.construct_scalar(node)]
    )
    *variables, default = names if len(names) > 1 else [*names, None]
    return next((os.environ[name] for name in variables if name in os.environ), default)


_SettingsLoader.add_constructor("!ENV", _env_tag)
_SettingsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def suggest_email_is_set(root: Path) -> bool:
    """Whether the site has an address for tips (mkdocs.yml's extra.suggest_email)."""
    try:
        settings = yaml.load((root / "mkdocs.yml").read_text("utf-8"), Loader=_SettingsLoader) or {}
    except (OSError, yaml.YAMLError):
        return True  # no settings to read: nothing to tell the maintainers here
    extra = settings.get("extra") if isinstance(settings, dict) else None
    return bool(str((extra or {}).get("suggest_email") or "").strip())


def maintainer_notes(root: Path, lang: str) -> list[str]:
    """What the maintainers should know about the site's settings: told once a run, and
    not in a pull request's check (the partner who opened it cannot change them)."""
    if os.environ.get("GITHUB_EVENT_NAME") == "pull_request":
        return []
    return [] if suggest_email_is_set(root) else [SUMMARY[lang]["no-suggest-email"]]


def count_line(t: Strings, errors: int, warnings: int) -> str:
    """ "1 fel och 2 varningar.": each number with its own singular or plural (i18n/)."""
    return t("check_counts", errors=t.plural("errors", errors), warnings=t.plural("warnings", warnings))


def annotation(problem: Problem, lang: str) -> str:
    """A GitHub Actions workflow command for one problem."""
    properties = {
        "file": problem.file,
        "line": problem.line,
        "col": problem.column,
        "title": problem.field or problem.file,
    }
    rendered = ",".join(
        f"{key}={_escape(str(value), property_value=True)}" for key, value in properties.items() if value
    )
    return f"::{problem.severity} {rendered}::{_escape(problem.message(lang))}"


def _escape(text: str, property_value: bool = False) -> str:
    # https://docs.github.com/actions/reference/workflow-commands-for-github-actions
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def read_changed_files(source: str) -> frozenset[str]:
    """The paths a change touches, from ``git diff --name-only [-z]`` output ('-': stdin)."""
    raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    text = raw.decode("utf-8", errors="replace")
    return frozenset(path.strip() for path in text.replace("\0", "\n").splitlines() if path.strip())


def split_by_change(problems: list[Problem], changed: frozenset[str] | None) -> tuple[list, list]:
    """(the change's own problems and every error, the other warnings: known already).
    Without a list of changed files every problem is the run's own. The check and the
    build's warning line both tell a pull request about its own change this way."""
    if changed is None:
        return list(problems), []
    told = [p for p in problems if p.file in changed or p.severity == "error"]
    return told, [p for p in problems if p not in told]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m site_content.check", description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("sv", "en"), default=os.environ.get("SIS_LANG", "sv"))
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository (default: here)")
    parser.add_argument(
        "--changed-files",
        metavar="FILE",
        default=os.environ.get("SIS_CHANGED_FILES") or None,
        help="the paths a pull request changes, one a line or NUL-separated ('-': stdin): "
        "warnings elsewhere are told once, folded, as already known",
    )
    arguments = parser.parse_args(argv)
    lang, root = arguments.lang, arguments.root
    changed = read_changed_files(arguments.changed_files) if arguments.changed_files else None

    initiatives = os.environ.get("SIS_INITIATIVES_DIR")
    paths = ContentPaths.under(
        root, docs=root / "docs", initiatives=root / initiatives if initiatives else None
    )
    _content, problems = check_content(paths, processes=forked.processes())
    # The change's own problems, and every error: an error anywhere stops the build.
    told, known = split_by_change(problems, changed)
    errors = [p for p in told if p.severity == "error"]
    warnings = [p for p in told if p.severity == "warning"]

    words = SUMMARY[lang]
    t = load_strings()[lang]
    actions = os.environ.get("GITHUB_ACTIONS") == "true"
    shown = shown_per_kind(told)  # the first of each kind; the count line counts them all
    for problem, more in shown:
        print(f"{words[problem.severity]}: {problem.format(lang)}")
        if more:
            print(t("more_of_kind", n=more))
    if actions:
        for problem, _more in shown:
            print(annotation(problem, lang))
    if known:
        count = t.plural("warnings", len(known))
        # Folded in the job's log: a partner reads about their own change first.
        heading = words["known"].format(warnings=count)
        print(f"::group::{heading.rstrip(':')}" if actions else heading)
        for problem, more in shown_per_kind(known):
            print(f"  {words[problem.severity]}: {problem.format(lang)}")
            if more:
                print("  " + t("more_of_kind", n=more))
        if actions:
            print("::endgroup::")
    for note in maintainer_notes(root, lang):
        print(note)
    if told:
        print(count_line(t, len(errors), len(warnings)))
    else:
        print(words["ok"])
    failed = bool(errors) or (arguments.strict and bool(warnings))
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        status = main()
        sys.stdout.flush()  # here, not at exit, so that a reader gone away is caught below
        sys.exit(status)
    except BrokenPipeError:
        # Read through `| head`, which stopped reading: the rest goes nowhere, without a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
