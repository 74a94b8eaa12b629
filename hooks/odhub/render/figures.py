"""The HTML around maps and charts: a figure with its legend, caption and, for maps one
can select countries on, a readout line. Plain HTML escaping: these fragments sit in raw
HTML blocks of the generated Markdown, where Markdown backslash escapes would show."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from odhub.lang.translator import Translator
from odhub.render.environment import environment


@dataclass(frozen=True)
class Figure:
    """An SVG with its accessible pieces: the markup templates print as a block."""

    html: Markup
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class LegendItem:
    css_class: str
    label: str
    count: int  # -1: no count shown


def render_html(template: str, translator: Translator, **context: object) -> Markup:
    html = environment("html", translator.language).get_template(template).render(**context)
    return Markup(html.strip())


def figure_html(svg: str, caption: str, legend: Sequence[LegendItem], css_class: str,
                translator: Translator, readout: bool = False) -> Markup:
    # The SVG comes from odhub.geo / odhub.charts, whose templates escape every value.
    return render_html("figure.html.j2", translator, svg=Markup(svg), caption=caption,
                       legend=legend, css_class=css_class, readout=readout)
