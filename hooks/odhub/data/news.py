"""News posts (docs/news/posts/*.md, Material's blog plugin), read and checked by load().

The blog plugin renders the posts; the feed needs only their front matter. Reading them
with the rest of the data means `odhub validate` catches a bad post, and a build fails on
it before any page is written. A post's address follows the blog plugin's
settings in mkdocs.yml (`post_url_format: "{slug}"`): news/<slug>/.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown.extensions.toc import slugify as toc_slugify

from odhub.data.errors import Problem
from odhub.data.yamlfile import parse_yaml, read_text, split_front_matter

POSTS = Path("docs") / "news" / "posts"


@dataclass(frozen=True)
class Post:
    title: str
    date: dt.date
    slug: str
    summary: str
    source_file: str
    categories: tuple[str, ...] = ()

    @property
    def page(self) -> str:
        """Site path of the post with directory URLs, e.g. news/hello/."""
        return f"news/{self.slug}/"


def slugify(text: str) -> str:
    """The slug the blog plugin gives a post: Python-Markdown's own toc.slugify."""
    return toc_slugify(text, "-")


def read_posts(root: Path) -> tuple[list[Post], list[Problem]]:
    """Every post, newest first, and the problems of each post without a usable front
    matter."""
    folder = Path(root) / POSTS
    posts: list[Post] = []
    problems: list[Problem] = []
    for file in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        post, found = _read_post(file, file.relative_to(root).as_posix())
        problems += found
        if post is not None:
            posts.append(post)
    return sorted(posts, key=lambda p: (p.date, p.slug), reverse=True), problems


def _read_post(file: Path, path: str) -> tuple[Post | None, list[Problem]]:
    text, problems = read_text(file, path)
    if text is None:
        return None, problems
    block = split_front_matter(text)
    if block is None:
        return None, [Problem(path, 1, "", "missing front matter with a date")]
    document, problems = parse_yaml(block, path, offset=1)
    if document is None:
        return None, problems
    raw: dict[str, Any] = document.data if isinstance(document.data, dict) else {}

    def problem(field: str, message: str) -> None:
        problems.append(Problem(path, document.lines.line_of((field,)), field, message))

    date = _date(raw.get("date"))
    if date is None:
        problem("date", "needs a date such as 2026-11-29 (the blog plugin requires it)")
    title = raw.get("title") or _first_heading(text)
    if not isinstance(title, str) or not title.strip():
        problem("title", "needs a title (or a '# ' heading)")
    summary = raw.get("description")
    if not isinstance(summary, str) or not summary.strip():
        problem("description", "needs a one-sentence description: the feed shows it")
    if date is None or not isinstance(title, str) or not isinstance(summary, str):
        return None, problems
    slug = raw.get("slug") or slugify(title)
    return Post(title=title.strip(), date=date, slug=str(slug),
                summary=" ".join(summary.split()), source_file=path,
                categories=tuple(raw.get("categories") or ())), problems


def _date(value: Any) -> dt.date | None:
    # The blog plugin takes a date, or a mapping whose 'created' is the date.
    if isinstance(value, dict):
        value = value.get("created")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _first_heading(text: str) -> str | None:
    match = re.search(r"^# (.+)$", text, flags=re.MULTILINE)
    return match.group(1).strip() if match else None
