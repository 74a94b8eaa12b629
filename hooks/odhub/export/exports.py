"""The hub's own open data: countries, commitments, case studies, hubs and events as CSV
and JSON, described by a Frictionless datapackage.json, plus events.ics and an Atom feed.

`write_exports` is called by the MkDocs adapter after a build (into site/data/) and by
`odhub export --out DIR`; both write the same files. Output is deterministic: the same
data on the same day gives the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2

from odhub.data import news
from odhub.data.dates import build_date
from odhub.data.model import Model
from odhub.derive import events
from odhub.derive.tables import (
    CALENDAR_FILE,
    EXPORT_DIR,
    FEED_FILE,
    PACKAGE_FILE,
    Field,
    Table,
    tables,
)
from odhub.lang.translator import Translator
from odhub.render import environment as markup_templates

LIST_SEPARATOR = " ; "  # how list cells are joined in CSV, as in shared/reference
LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
_FEED_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://odhub.invalid/news")


def table_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([f.name for f in table.fields])
    for row in table.rows:
        writer.writerow([_csv_cell(row[f.name], f) for f in table.fields])
    return out.getvalue()


def _csv_cell(value: Any, field: Field) -> str:
    if value is None:
        return ""
    if field.is_list:
        return LIST_SEPARATOR.join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def table_json(table: Table) -> str:
    return json.dumps(table.rows, ensure_ascii=False, indent=1) + "\n"


def datapackage(tables_: Iterable[Table], translator: Translator) -> dict[str, Any]:
    """Frictionless Data Package: each table as CSV and as JSON, with field descriptions."""
    t = translator.gettext
    resources = []
    for table in tables_:
        for variant in ("csv", "json"):
            schema: dict[str, Any] = {
                "fields": [_field(f, variant) for f in table.fields],
                "primaryKey": list(table.primary_key),
            }
            if table.foreign_keys:
                schema["foreignKeys"] = [
                    {"fields": [mine], "reference": {"resource": other + _suffix(variant),
                                                     "fields": [theirs]}}
                    for mine, other, theirs in table.foreign_keys
                ]
            resource: dict[str, Any] = {
                "name": table.name + _suffix(variant),
                "title": table.title,
                "description": table.description,
                "path": table.csv_name if variant == "csv" else table.json_name,
                "format": variant,
                "mediatype": "text/csv" if variant == "csv" else "application/json",
                "encoding": "utf-8",
                "schema": schema,
            }
            # Others' data keeps its publisher's terms and credit (the package licence
            # covers the hub's own tables).
            if table.licences:
                resource["licenses"] = [dict(licence) for licence in table.licences]
            if table.attribution:
                resource["sources"] = [dict(source) for source in table.attribution]
            resources.append(resource)
    return {
        "name": "open-data-peer-hub",
        "title": t("Open Data Peer Hub data"),
        "description": t("The hub's data: OGP countries, OGP commitments with IRM "
                         "ratings, index values, portals, OGP Local members, case studies, "
                         "OD4D regional hubs and events. Every record lists the sources its "
                         "facts come from. Tables of others' data (OGP, the indices, the "
                         "portal registry) carry their own licence and attribution; the "
                         "rest is the hub's, under the package licence. List cells in the "
                         "CSV files are separated by ' ; '."),
        "licenses": [LICENCE],
        "resources": resources,
    }


def _suffix(variant: str) -> str:
    return "" if variant == "csv" else "-json"


def _field(field: Field, variant: str) -> dict[str, Any]:
    described: dict[str, Any] = {"name": field.name, "description": field.description}
    if field.is_list and variant == "json":
        described["type"] = "array"
    else:
        described["type"] = field.type
        constraints = {"pattern": field.pattern, "enum": list(field.enum)}
        if not field.is_list and any(constraints.values()):
            described["constraints"] = {k: v for k, v in constraints.items() if v}
    return described


def _xml_env() -> jinja2.Environment:
    return markup_templates.environment("xml")


def atom_feed(posts: list[news.Post], translator: Translator, site_url: str | None) -> str:
    """Atom feed of the news posts. Links are absolute with a site_url, else relative to
    the feed (which sits in data/), as RFC 4287 allows."""
    base = site_url.rstrip("/") + "/" if site_url else "../"
    updated = _stamp(posts[0].date) if posts else _stamp(dt.date(2000, 1, 1))
    return _xml_env().get_template("news.atom.j2").render(
        title=translator.gettext("Open Data Peer Hub news"),
        feed_id=f"urn:uuid:{_FEED_NAMESPACE}",
        self_href=f"{base}{EXPORT_DIR}/{FEED_FILE}",
        home_href=f"{base}news/",
        updated=updated,
        author=translator.gettext("Open Data Peer Hub"),
        entries=[{
            "title": p.title,
            "id": f"urn:uuid:{uuid.uuid5(_FEED_NAMESPACE, p.slug)}",
            "href": f"{base}{p.page}",
            "updated": _stamp(p.date),
            "summary": p.summary,
            "categories": p.categories,
        } for p in posts],
    )


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def export_files(model: Model, root: Path, language: str = "en",
                 site_url: str | None = None,
                 today: dt.date | None = None) -> dict[str, bytes]:
    """File name -> content of every export, without writing anything."""
    t = Translator(language)
    today = today or build_date()
    found = tables(model, t)
    files: dict[str, bytes] = {}
    for table in found:
        files[table.csv_name] = table_csv(table).encode("utf-8")
        files[table.json_name] = table_json(table).encode("utf-8")
    package = datapackage(found, t)
    files[PACKAGE_FILE] = (json.dumps(package, ensure_ascii=False, indent=1) + "\n").encode()
    stamp = dt.datetime.combine(today, dt.time(0, 0), tzinfo=dt.UTC)
    page = f"{site_url.rstrip('/')}/events/" if site_url else None
    files[CALENDAR_FILE] = events.to_ical(model, t, stamp, page)
    files[FEED_FILE] = atom_feed(model.posts, t, site_url).encode("utf-8")
    return files


def write_exports(model: Model, root: Path | str, out_dir: Path | str,
                  language: str = "en", site_url: str | None = None,
                  log: Callable[[str], None] | None = None) -> list[Path]:
    """Write every export into out_dir (created if missing); returns the paths written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in export_files(model, Path(root), language, site_url).items():
        target = out / name
        target.write_bytes(content)
        written.append(target)
    if log:
        log(f"odhub: wrote {len(written)} open data files to {out}")
    return written
