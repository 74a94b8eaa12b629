"""The `odhub` command: the library for contributors and CI, without a site build.

Each subcommand is one small function registered in COMMANDS; add new ones the same way.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

from . import history
from .errors import InvalidData
from .i18n import Translator
from .load import load

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
    from .pages import generated_pages  # here, so `odhub validate` starts faster

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


def _diff_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base", help="the revision to compare from, e.g. origin/main")
    parser.add_argument("head", nargs="?",
                        help="the revision to compare to (default: the files as they are "
                             "now, uncommitted edits included)")
    parser.add_argument("--markdown", action="store_true",
                        help="print Markdown for a pull-request comment or job summary")


@command("diff", "summarise in plain words how the data changed between two git revisions")
@arguments(_diff_arguments)
def diff(args: argparse.Namespace) -> int:
    from . import diff as datadiff

    _ = Translator().gettext
    root: Path = args.root
    models, invalid, labels = [], {}, []
    try:
        revisions = [history.resolve(root, args.base),
                     history.resolve(root, args.head) if args.head else None]
        with ExitStack() as stack:
            for revision in revisions:
                folder = stack.enter_context(history.files_at(root, revision)) \
                    if revision else root
                label = revision.label if revision else _("the working tree")
                labels.append(label)
                try:
                    models.append(load(folder))
                except InvalidData as err:
                    invalid[label] = err.problems
    except history.GitError as err:
        print(_("odhub diff: {error}", error=err), file=sys.stderr)
        return 2
    changes = datadiff.diff_models(*models) if not invalid else []
    if args.markdown:
        print(datadiff.render_markdown(changes, base_label=labels[0], head_label=labels[1],
                                       invalid=invalid), end="")
    for label, problems in invalid.items():
        print(_("The data at {revision} is not valid, so no summary could be made:",
                revision=label), file=sys.stderr)
        for problem in problems:
            print(problem, file=sys.stderr)
    if invalid:
        return 1
    if not args.markdown:
        lines = datadiff.summary_lines(changes)
        print("\n".join(lines) if lines else _("No changes to the hub's data."))
    return 0


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, required=True,
                        help="folder to write into (created if missing), e.g. site/data")
    parser.add_argument("--site-url", default=None,
                        help="the site's address, for absolute links in the feed and calendar")


@command("export", "write the hub's open data (CSV, JSON, datapackage.json, events.ics, "
         "news feed) without building the site")
@arguments(_export_arguments)
def export(args: argparse.Namespace) -> int:
    from .exports import write_exports

    model = _load_or_report(args.root)
    if model is None:
        return 1
    if args.out.resolve().is_relative_to((args.root / "docs").resolve()):
        print("refusing to write exports into docs/: pick another --out", file=sys.stderr)
        return 1
    try:
        written = write_exports(model, args.root, args.out, site_url=args.site_url)
    except InvalidData as err:
        print(err.report(), file=sys.stderr)
        return 1
    print(f"wrote {len(written)} files to {args.out}")
    return 0



def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path,
                        help="OGP's commitment and IRM export, as .csv or .xlsx")
    parser.add_argument("--source", required=True,
                        help="the address the export was downloaded from (cited as the "
                             "source of every commitment it brings in)")
    parser.add_argument("--as-of", required=True, dest="as_of",
                        help="when the export was taken: YYYY, YYYY-MM or YYYY-MM-DD")
    parser.add_argument("--all-areas", action="store_true",
                        help="import every commitment, not only those in the hub's scope "
                             "(Open Data areas and the data-related areas marked in "
                             "data/ogp_policy_areas.yml)")
    parser.add_argument("--dry-run", action="store_true",
                        help="say what would change; write nothing")


@command("import", "bring OGP's commitment and IRM export (CSV or XLSX) into "
         "data/commitments; hand-written records and fields are kept")
@arguments(_import_arguments)
def import_(args: argparse.Namespace) -> int:
    from . import ogp_import
    from .dates import PartialDate

    _ = Translator().gettext
    try:
        PartialDate.parse(args.as_of)
    except ValueError as err:
        print(f"odhub import: --as-of: {err}", file=sys.stderr)
        return 2
    try:
        report = ogp_import.import_export(args.root, args.file, source=args.source,
                                          as_of=args.as_of, all_areas=args.all_areas,
                                          dry_run=args.dry_run)
    except ogp_import.ImportRefused as err:
        print(f"odhub import: {err}", file=sys.stderr)
        return 1
    except InvalidData as err:
        print(err.report(), file=sys.stderr)
        print("odhub import: the hub's data would not be valid after this import; "
              "nothing was written.", file=sys.stderr)
        return 1
    for line in report.summary(args.all_areas):
        print(line)
    print("\n".join(report.changes) if report.changes else _("No changes to the hub's data."))
    if args.dry_run and report.changes:
        print("Dry run: nothing was written.")
    return 0


def _new_arguments(parser: argparse.ArgumentParser) -> None:
    from . import scaffold

    scaffold.add_arguments(parser)


@command("new", "start a case study, guidance page, country or event from a template "
         "with TODO markers (never overwrites)")
@arguments(_new_arguments)
def new(args: argparse.Namespace) -> int:
    from . import scaffold

    return scaffold.run(args)


@command("messages", "update locales/<language>.json with every translatable string")
@arguments(lambda p: (
    p.add_argument("--language", required=True, help="language code, e.g. fr or es"),
    p.add_argument("--check", action="store_true",
                   help="change nothing; exit 1 if strings are missing from the catalogue"),
))
def messages(args: argparse.Namespace) -> int:
    from .messages import update_catalogue, write_catalogue

    update = update_catalogue(args.language)
    if args.check:
        for message in update.added:
            print(f"{update.path.name}: missing: {message!r}", file=sys.stderr)
        return 1 if update.added else 0
    write_catalogue(update)
    print(f"{update.path}: {len(update.catalogue)} strings, {len(update.added)} new, "
          f"{update.untranslated} untranslated, {len(update.obsolete)} no longer used")
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
