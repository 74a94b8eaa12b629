"""The `odhub` command: the library for contributors and CI, without a site build.

Each subcommand is one small function registered in COMMANDS; add new ones the same way.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from .errors import InvalidData
from .load import load
from .pages import generated_pages

Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[Callable[[argparse.ArgumentParser], None], Handler, str]] = {}


def command(name: str, help: str):
    """Register a subcommand: decorate a function that adds its arguments to a parser."""

    def register(handler: Handler) -> Handler:
        setup = getattr(handler, "arguments", lambda parser: None)
        COMMANDS[name] = (setup, handler, help)
        return handler

    return register


def arguments(setup: Callable[[argparse.ArgumentParser], None]):
    def attach(handler: Handler) -> Handler:
        handler.arguments = setup  # type: ignore[attr-defined]
        return handler

    return attach


def _load_or_report(root: Path):
    try:
        return load(root)
    except InvalidData as err:
        print(err.report(), file=sys.stderr)
        return None


@command("validate", "check every data file and front matter; exit 1 listing all problems")
def validate(args: argparse.Namespace) -> int:
    model = _load_or_report(args.root)
    if model is None:
        return 1
    print(f"ok: {len(model.countries)} countries, {len(model.hubs)} hubs, "
          f"{len(model.case_studies)} case studies, {len(model.guidance)} guidance pages")
    return 0


@command("generate", "write the generated Markdown pages to a folder (for other engines)")
@arguments(lambda p: p.add_argument("--out", type=Path, required=True,
                                    help="folder to write into (created if missing)"))
def generate(args: argparse.Namespace) -> int:
    model = _load_or_report(args.root)
    if model is None:
        return 1
    out: Path = args.out
    if out.resolve() == (args.root / "docs").resolve():
        print("refusing to write generated pages into docs/: pick another --out",
              file=sys.stderr)
        return 1
    pages = generated_pages(model)
    for page in pages:
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    print(f"wrote {len(pages)} pages to {out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="odhub", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="the hub's folder, holding data/ and docs/ (default: here)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (setup, _handler, help_text) in COMMANDS.items():
        setup(sub.add_parser(name, help=help_text, description=help_text))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _setup, handler, _help = COMMANDS[args.command]
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
