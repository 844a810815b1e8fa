"""Rewrite the '# väntat:' lines at the end of each file in tests/bad_content/.

For maintainers after a deliberate change of wording: run it, then read the
diff line by line before committing, as each line is a promise to partners.

    PYTHONPATH=hooks python tools/update_bad_content_expectations.py
"""

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

sys.path.insert(0, str(ROOT / "tests"))

from site_content import ContentPaths, check_content  # noqa: E402
from test_bad_content import CASES, WARNING, case_target, content_root_with, expected_lines  # noqa: E402

HEADING = (
    b"\n# Vad kontrollen ska s\xc3\xa4ga om den h\xc3\xa4r filen (testerna j\xc3\xa4mf\xc3\xb6r ordagrant):\n"
)


def messages(case: Path) -> list[str]:
    """What the tests expect (test_bad_content.py): every error, and every warning of the
    case's own file when the case expects warnings at all."""
    with tempfile.TemporaryDirectory() as folder:
        # The same repository as the tests: fixture partners and vocabularies.
        root = content_root_with(Path(folder), case)
        _content, problems = check_content(ContentPaths.under(root, docs=root / "docs"))
    lines = [f"Fel: {p.format('sv')}" for p in problems if p.severity == "error"]
    if any(line.startswith(WARNING) for line in expected_lines(case)):
        own = case_target(case).as_posix()
        lines += [f"{WARNING}{p.format('sv')}" for p in problems if p.severity == "warning" and p.file == own]
    return lines


for case in CASES:
    raw = case.read_bytes()
    body, _heading, expectations = raw.partition(HEADING)
    # What follows the expectations stays (a docs/ case closes its comment with '-->').
    rest = b"".join(
        line for line in expectations.splitlines(True) if not line.startswith(b"# v\xc3\xa4ntat: ")
    )
    lines = "".join(f"# väntat: {line}\n" for line in messages(case))
    case.write_bytes(body + HEADING + lines.encode("utf-8") + rest)
