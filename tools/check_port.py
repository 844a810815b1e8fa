"""Before `make serve`: is the preview's port free? One line if not, never a traceback.

    python tools/check_port.py HOST PORT

Exit 0 when the address can be taken, 1 (with one line naming another port)
when something else holds it, 2 when HOST or PORT is not an address at all.
The message is in Swedish, or English with SIS_LANG=en, like `make check`.
"""

from __future__ import annotations

import os
import socket
import sys

MESSAGES = {
    "sv": {
        "busy": "Porten {port} används redan. Välj en annan: make serve PORT={other}",
        "bad": "'{host}:{port}' går inte att förhandsvisa på. Skriv till exempel: make serve PORT=8001",
        "denied": "Porten {port} går inte att använda ({reason}). Välj en annan: make serve PORT={other}",
    },
    "en": {
        "busy": "Port {port} is already in use. Choose another: make serve PORT={other}",
        "bad": "'{host}:{port}' is not an address to preview on. Write for example: make serve PORT=8001",
        "denied": "Port {port} cannot be used ({reason}). Choose another: make serve PORT={other}",
    },
}


def check(host: str, port_text: str, lang: str = "sv") -> tuple[int, str | None]:
    """(exit status, the line to print or None)."""
    words = MESSAGES[lang if lang in MESSAGES else "sv"]
    try:
        port = int(port_text)
        if not 0 < port < 65536:
            raise ValueError(port)
        _bind(host, port)
    except ValueError:
        return 2, words["bad"].format(host=host, port=port_text)
    except OSError as error:
        if error.errno == 98 or "in use" in str(error).lower():  # EADDRINUSE
            return 1, words["busy"].format(port=port, other=_free_after(host, port))
        if isinstance(error, socket.gaierror) or error.errno == 99:  # EADDRNOTAVAIL
            return 2, words["bad"].format(host=host, port=port_text)
        other = _free_after(host, port)
        return 1, words["denied"].format(port=port, reason=error.strerror or error, other=other)
    return 0, None


def _bind(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # As MkDocs' server does, so a port in TIME_WAIT counts as free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))


def _free_after(host: str, port: int) -> int:
    """The first port after ``port`` that is free now (8001 past the last one)."""
    for other in range(port + 1, min(port + 50, 65536)):
        try:
            _bind(host, other)
        except OSError:
            continue
        return other
    return 8001


def main(argv: list[str]) -> int:
    lang = os.environ.get("SIS_LANG", "sv")
    if len(argv) != 2:
        print("python tools/check_port.py HOST PORT", file=sys.stderr)
        return 2
    status, line = check(argv[0], argv[1], lang)
    if line:
        print(line, file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
