"""Content model of the Social Innovation Skåne site.

Plain Python: loads the YAML content files, validates them, resolves the
references between them and answers questions about languages and URLs.
Nothing here imports MkDocs; the hooks in ``hooks/`` are a thin layer over it.
"""

from .loader import ContentPaths, check_content, load_content
from .model import Content, Initiative, Localized, Partner, Term
from .problems import ContentProblems, Problem

__all__ = [
    "Content",
    "ContentPaths",
    "ContentProblems",
    "check_content",
    "Initiative",
    "Localized",
    "Partner",
    "Problem",
    "Term",
    "load_content",
]
