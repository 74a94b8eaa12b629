"""The `odhub` command: the library for contributors and CI, without a site build.

Each subcommand is one small function; build_parser() adds it with its arguments and
points argparse at it with set_defaults(func=...).
"""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack
from pathlib import Path

from odhub.data import history
from odhub.data.errors import InvalidData
from odhub.data.load import load
from odhub.lang.translator import Translator


def _load_or_report(root: Path):
    try:
        return load(root)
    except InvalidData as err:
        print(err.report(), file=sys.stderr)
        return None


def validate(args: argparse.Namespace) -> int:
    model = _load_or_report(args.root)
    if model is None:
        return 1
    print(f"ok: {len(model.countries)} countries, {len(model.hubs)} hubs, "
          f"{len(model.case_studies)} case studies, {len(model.guidance)} guidance pages")
    _translation_notices(args.root)
    return 0


def _translation_notices(root: Path) -> None:
    """What the other editions show in English for want of a translation: notices only."""
    from odhub.data.translations import missing_translations
    from odhub.lang.translator import languages

    missing = missing_translations(root, languages())
    for notice in missing:
        print(f"notice: {notice}")
    by_language: dict[str, int] = {}
    for notice in missing:
        by_language[notice.language] = by_language.get(notice.language, 0) + 1
    for language, count in sorted(by_language.items()):
        print(f"notice: {language}: {count} records with text shown in English")


def generate(args: argparse.Namespace) -> int:
    from odhub.render.pages import generated_pages  # here, so `odhub validate` starts faster

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


def _source_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", type=Path, metavar="DIR",
                        help="folder to write into (replaced on each run), e.g. "
                             "build/site-source")
    parser.add_argument("--config", type=Path, default=None,
                        help="the engine's mkdocs.yml, for site_url, repo_url (edit links) "
                             "and the language (default: mkdocs.yml in the hub's folder)")


def build_source(args: argparse.Namespace) -> int:
    from odhub import site  # here, so `odhub validate` starts faster

    root: Path = args.root
    out: Path = args.out
    docs = root / "docs"
    if out.resolve().is_relative_to(docs.resolve()) or \
            root.resolve().is_relative_to(out.resolve()):
        print("refusing to write the site source into docs/ or over the hub: pick another "
              "folder, e.g. build/site-source", file=sys.stderr)
        return 1
    try:
        site.check_output_folder(out)  # before the minute of work, not after it
        settings = site.read_settings(args.config or root / "mkdocs.yml")
        model = load(root, language=settings.language)
        source = site.SiteSource(model, root, edit_base=settings.edit_base,
                                 site_url=settings.site_url, edit_links=settings.published,
                                 repo_url=settings.repo_url,
                                 directory_urls=settings.directory_urls)
        count = site.write_source(site.site_source(source, docs), out)
    except InvalidData as err:
        print(err.report(), file=sys.stderr)
        return 1
    except (FileExistsError, FileNotFoundError) as err:
        print(f"odhub build-source: {err}", file=sys.stderr)
        return 1
    print(f"wrote {count} files to {out}")
    return 0


def _fix_markup_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("site_dir", type=Path, metavar="SITE",
                        help="the built site, e.g. site-zensical")


def fix_markup(args: argparse.Namespace) -> int:
    from odhub.site import fix_built_site

    if not args.site_dir.is_dir():
        print(f"odhub fix-markup: {args.site_dir} is not a folder", file=sys.stderr)
        return 1
    print(f"fixed {fix_built_site(args.site_dir)} pages in {args.site_dir}")
    return 0


def _diff_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base", help="the revision to compare from, e.g. origin/main")
    parser.add_argument("head", nargs="?",
                        help="the revision to compare to (default: the files as they are "
                             "now, uncommitted edits included)")
    parser.add_argument("--markdown", action="store_true",
                        help="print Markdown for a pull-request comment or job summary")


def diff(args: argparse.Namespace) -> int:
    from odhub.cli import diff as datadiff

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


def export(args: argparse.Namespace) -> int:
    from odhub.export.exports import write_exports

    model = _load_or_report(args.root)
    if model is None:
        return 1
    if args.out.resolve().is_relative_to((args.root / "docs").resolve()):
        print("refusing to write exports into docs/: pick another --out", file=sys.stderr)
        return 1
    written = write_exports(model, args.root, args.out, site_url=args.site_url)
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


def import_(args: argparse.Namespace) -> int:
    from odhub.cli import ogp_import
    from odhub.data.dates import PartialDate

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
    from odhub.cli import scaffold

    scaffold.add_arguments(parser)


def new(args: argparse.Namespace) -> int:
    from odhub.cli import scaffold

    return scaffold.run(args)


def messages(args: argparse.Namespace) -> int:
    from odhub.cli import messages as babel_messages
    from odhub.lang.translator import SOURCE_LANGUAGE, languages

    root: Path = args.root
    template = babel_messages.extract(root)
    wanted = args.language or [code for code in languages() if code != SOURCE_LANGUAGE]
    problems = 0
    if not args.check:
        babel_messages.write_catalogue(template, root / babel_messages.TEMPLATE)
    for language in wanted:
        update = babel_messages.update_catalogue(language, template)
        if args.check:
            for message in update.untranslated:
                problems += 1
                print(f"{babel_messages.locations(message)}: {language}: not translated: "
                      f"{babel_messages.message_text(message)!r}", file=sys.stderr)
            continue
        babel_messages.write_catalogue(update.catalogue, update.path)
        print(f"{update.path}: {len(template)} strings, {len(update.added)} new, "
              f"{len(update.untranslated)} untranslated, {len(update.obsolete)} no longer used")
    if args.check and problems:
        print(f"{problems} strings need a translation; run `odhub messages`, then translate "
              "the empty msgstr entries", file=sys.stderr)
    return 1 if problems else 0


def _generate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, required=True,
                        help="folder to write into (created if missing)")


def _messages_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--language", action="append", default=None,
                        help="language code, e.g. es; repeat for several; a new one starts a "
                             "catalogue (default: every language that has one)")
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 listing each string (file:line) that a "
                             "catalogue lacks or leaves untranslated")


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    pass


# name -> (what it does, its arguments, its function), in the order `odhub --help` lists them
SUBCOMMANDS = {
    "validate": ("check every data file and front matter; exit 1 listing all problems",
                 _no_arguments, validate),
    "build-source": ("write the complete site source (pages with shortcodes expanded, "
                     "generated pages, exports, assets) for an engine that runs no hooks, "
                     "e.g. Zensical", _source_arguments, build_source),
    "fix-markup": ("repair the theme's invalid HTML in a built site (what the MkDocs hooks "
                   "do to each page), for engines that run no hooks",
                   _fix_markup_arguments, fix_markup),
    "generate": ("write only the generated Markdown pages to a folder",
                 _generate_arguments, generate),
    "diff": ("summarise in plain words how the data changed between two git revisions",
             _diff_arguments, diff),
    "export": ("write the hub's open data (CSV, JSON, datapackage.json, events.ics, news "
               "feed) without building the site", _export_arguments, export),
    "import": ("bring OGP's commitment and IRM export (CSV or XLSX) into data/commitments; "
               "hand-written records and fields are kept", _import_arguments, import_),
    "new": ("start a case study, guidance page, country or event from a template with TODO "
            "markers (never overwrites)", _new_arguments, new),
    "messages": ("extract every translatable string (messages.pot) and merge it into each "
                 "language's catalogue (.po), as pybabel extract and update do",
                 _messages_arguments, messages),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="odhub", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="the hub's folder, holding data/ and docs/ (default: here)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_text, add_arguments, func) in SUBCOMMANDS.items():
        command = sub.add_parser(name, help=help_text, description=help_text)
        add_arguments(command)
        command.set_defaults(func=func)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
