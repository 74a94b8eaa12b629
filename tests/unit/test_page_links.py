"""Hand-written pages carry only web addresses and no script, and load() checks all of it.

A case study with `[here](javascript:alert(document.domain))` used to render a live
javascript: link. Now load() renders every page's Markdown as the build does, reads the
HTML, and refuses any address that is not http, https, mailto, relative or an #anchor,
however it is disguised, with the page's path and line; `odhub validate` and the build
refuse the same, before any page is written. Shortcodes are checked there too.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from conftest import mkdocs_build, run_odhub
from odhub import InvalidData, load
from odhub.data.links import _findings, _html, _plainly_safe, unsafe_links
from odhub.data.yamlfile import page_body

# Each hides a non-web address (or script) in a different way; all must be refused.
HOSTILE = {
    "markdown link": "[a](javascript:alert(1))",
    "upper case": "[a](JaVaScRiPt:alert(1))",
    "angle brackets": "[a](<javascript:alert(1)>)",
    "decimal reference": "[a](javascript&#58;alert(1))",
    "reference completed": "[a](javascript&#58x)",  # Python-Markdown writes "&#58;x"
    "hex reference": "[a](javascript&#x3A;alert(1))",
    "named reference": "[a](javascript&colon;alert(1))",
    "encoded letter": "[a](&#106;avascript:alert(1))",
    "newline inside": "[a](java\nscript:alert(1))",
    "leading control": "[a](\x01javascript:alert(1))",
    "markdown marker": "[a](java\x02script:alert(1))",  # Python-Markdown drops \x02
    "backslash escape": "[a](java\\-script:alert(1))",
    "reference definition": "[a][r]\n\n[r]: javascript:alert(1)",
    "image": "![a chart](data:image/svg+xml;base64,PHN2Zz4=)",
    "vbscript": "[a](vbscript:msgbox(1))",
    "file": "[a](file:///etc/passwd)",
    "protocol relative": "[a](//evil.example/page)",
    "attr_list href": '[a](ok.md){: href="javascript:alert(1)" }',
    "attr_list handler": 'A paragraph.\n{: onclick="alert(1)" }',
    "admonition": "!!! note\n    [a](javascript:alert(1))",
    "details": "??? note\n    [a](javascript:alert(1))",
    "table": "| a |\n| --- |\n| [x](javascript:alert(1)) |",
    "definition list": "Term\n:   [x](javascript:alert(1))",
    "md_in_html": '<div markdown="1">\n[a](javascript:alert(1))\n</div>',
    "raw anchor": '<a href="javascript:alert(1)">a</a>',
    "raw anchor, entity": '<a href="javascript&#58;alert(1)">a</a>',
    "raw anchor, no semicolon": '<a href="javascript&#58alert(1)">a</a>',
    "raw anchor, tab entity": '<a href="java&Tab;script:alert(1)">a</a>',
    "raw anchor, space": '<a href="  javascript:alert(1)">a</a>',
    "raw anchor, unquoted": "<a href=javascript:alert(1)>a</a>",
    "srcset": '<img alt="a" src="a.png" srcset="a.png 1x, javascript:alert(1) 2x">',
    "iframe": '<iframe title="x" src="data:text/html,hi"></iframe>',
    "form": '<form action="javascript:alert(1)"><button>go</button></form>',
    "formaction": '<button formaction="javascript:alert(1)">go</button>',
    "object": '<object data="javascript:alert(1)"></object>',
    "svg link": '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "svg style": '<svg><style><a href="javascript:alert(1)">x</a></style></svg>',
    "svg animation": ('<svg><a><animate attributeName="href" values="javascript:alert(1)"/>'
                      "<text>x</text></a></svg>"),
    "css url": '<p style="background: url(javascript:alert(1))">x</p>',
    "meta refresh": '<meta http-equiv="refresh" content="0; url=javascript:alert(1)">',
    "event handler": '<img alt="a" src="a.png" onerror="alert(1)">',
    "script": "<script>alert(1)</script>",
    "srcdoc": '<iframe title="x" srcdoc="<script>alert(1)</script>"></iframe>',
    "base": '<base href="https://evil.example/">',
    "ambiguous comment": '<!-- a --!><a href="javascript:alert(1)">b</a> -->',
}

SAFE = {
    "https": "[a](https://example.org/x?y=1#z)",
    "mailto": "[a](mailto:hub@example.org)",
    "anchor": "[a](#peers)",
    "relative": "[a](../countries/ken.md) and ![Map of Kenya](map.png)",
    "code span": "Never write `[a](javascript:alert(1))` in a page.",
    "fence": "```markdown\n[a](javascript:alert(1))\n<script>alert(1)</script>\n```",
    "indented code": "Example:\n\n    [a](javascript:alert(1))",
    "prose colon": "Note: javascript: is refused, and so is data:.",
    "shortcode": "<!-- hub:peers country=KEN -->",
    "raw https": '<a href="https://example.org">a</a> <img alt="Logo" src="logo.png">',
    "attr_list class": "[Start](contribute/index.md){ .md-button }",
    "autolink": "<https://example.org>",
    "raw html text": "<details><summary>More</summary>\n\n[x](javascript:alert(1))\n</details>",
    "spaced scheme": "[a](java script:alert(1))",  # a relative address, not a scheme
    # Python-Markdown writes "&amp;#58alert": the browser reads the characters, no colon
    "markdown reference without semicolon": "[a](javascript&#58alert(1))",
}


def lines(markdown: str, first_line: int = 1) -> list[int]:
    return [p.line for p in unsafe_links(markdown, "docs/x.md", first_line)]


@pytest.mark.parametrize("markdown", HOSTILE.values(), ids=HOSTILE.keys())
def test_every_disguise_is_refused_on_its_line(markdown: str) -> None:
    page = f"# A page\n\nIntro.\n\n{markdown}\n\nThe end.\n"
    found = unsafe_links(page, "docs/x.md")
    assert found, "refused"
    first = markdown.split("\n")
    # Reported on a line of the snippet (which starts on line 5), never elsewhere.
    assert {p.line for p in found} <= set(range(5, 5 + len(first))), found
    assert all(p.path == "docs/x.md" for p in found)


@pytest.mark.parametrize("markdown", SAFE.values(), ids=SAFE.keys())
def test_web_addresses_and_examples_in_code_pass(markdown: str) -> None:
    assert unsafe_links(f"Intro.\n\n{markdown}\n", "docs/x.md") == []


def test_the_message_names_the_address_and_what_is_allowed() -> None:
    [problem] = unsafe_links("Hi.\n\n[here](javascript:alert(document.domain))\n",
                             "docs/case-studies/x.md", first_line=6)
    assert str(problem) == (
        "docs/case-studies/x.md:8: <a href> 'javascript:alert(document.domain)': the scheme "
        "'javascript:' is not allowed: links and images may use http, https, mailto or an "
        "address within the site")


def test_the_same_address_twice_gives_both_lines() -> None:
    page = "[a](javascript:x)\n\n`[a](javascript:x)`\n\nText [b](javascript:x).\n"
    assert lines(page) == [1, 5]  # the one in code is an example, not a link


def test_a_disguise_not_written_as_it_renders_is_found_by_its_line() -> None:
    # Python-Markdown completes "&#58" to "&#58;": neither form is in the text as rendered.
    page = "One.\n\nTwo.\n\n[a](javascript&#58x)\n\nThree.\n"
    assert lines(page) == [5]


@pytest.mark.parametrize("markdown", HOSTILE.values(), ids=HOSTILE.keys())
def test_the_quick_scan_never_passes_a_hostile_page(markdown: str) -> None:
    assert not _plainly_safe(markdown)


def snippets() -> list[str]:
    """Links built from every combination of form, spelling of the scheme and separator."""
    forms = ("[a]({})", "![a]({})", "[a][r]\n\n[r]: {}", "[a](  {} 'title')", "<{}>",
             "[a]({}){{: .x }}", "* [a]({})", "> [a]({})")
    schemes = ("javascript", "JavaScript", "java\nscript", "\x01javascript", "java\x03script",
               "&#106;avascript", "java\\-script", "data", "https", "mailto", "x")
    separators = (":", "&#58;", "&#x3a;", "&colon;", "&#58", "\\:", "%3A")
    return [form.format(scheme + separator + "alert(1)")
            for form in forms for scheme in schemes for separator in separators]


def test_the_quick_scan_passes_only_what_rendering_finds_harmless() -> None:
    passed = 0
    for snippet in snippets():
        if _plainly_safe(snippet):
            passed += 1
            assert _findings(_html(snippet)) == [], snippet
    assert passed > 20  # the scan does pass plain pages: the property is not vacuous


def test_no_space_or_control_character_slips_a_link_past_the_quick_scan() -> None:
    # Python-Markdown strips any Unicode space before a destination (str.strip) and drops
    # \x02 and \x03; browsers drop tabs and newlines inside a URL. Wherever such a
    # character goes, what rendering refuses, the scan must send to rendering.
    characters = [chr(c) for c in range(0x3001) if chr(c).isspace()
                  or unicodedata.category(chr(c)) in ("Cc", "Cf", "Zs", "Zl", "Zp")]
    forms = ("[a]({c}javascript:x)", "[a](java{c}script:x)", "[a](javascript{c}:x)",
             "[a][r]\n\n[r]: {c}javascript:x", "[r]:{c}{c}javascript:x\n\n[r]",
             "[a]({c}//evil.example)", "[a]{c}(javascript:x)")
    slipped = [(hex(ord(c)), form) for c in characters for form in forms
               if _plainly_safe(form.format(c=c)) and _findings(_html(form.format(c=c)))]
    assert len(characters) > 100
    assert slipped == []


def test_most_bundled_pages_need_no_rendering(repo_root: Path) -> None:
    bodies = [page_body(file.read_text(encoding="utf-8"))[0]
              for file in sorted((repo_root / "docs").rglob("*.md"))]
    assert sum(map(_plainly_safe, bodies)) > len(bodies) / 2


# -- load(), `odhub validate` and the build ---------------------------------------------


def add_to(file: Path, text: str) -> int:
    """Append text to a page; the line it starts on."""
    before = file.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    file.write_text(before + text + "\n", encoding="utf-8")
    return before.count("\n") + 1


def test_load_refuses_a_javascript_link_in_a_case_study(hub_copy: Path) -> None:
    case = next((hub_copy / "docs" / "case-studies").glob("[!i]*.md"))
    line = add_to(case, "Read [here](javascript:alert(document.domain)).")
    with pytest.raises(InvalidData) as caught:
        load(hub_copy)
    assert [(p.path, p.line) for p in caught.value.problems] == [
        (f"docs/case-studies/{case.name}", line)]


def test_raw_html_in_a_case_study_is_text_so_only_its_markdown_is_checked(
        hub_copy: Path) -> None:
    # The build turns raw HTML in case studies into visible text (test_untrusted.py).
    case = next((hub_copy / "docs" / "case-studies").glob("[!i]*.md"))
    add_to(case, '<a href="javascript:alert(1)">shown as text</a> <script>alert(1)</script>')
    load(hub_copy)  # no problem
    add_to(case, 'A paragraph.\n{: onclick="alert(1)" }')  # attr_list is Markdown: live
    with pytest.raises(InvalidData) as caught:
        load(hub_copy)
    assert ["onclick" in p.message for p in caught.value.problems] == [True]


def test_load_checks_shortcodes_in_every_hand_written_page(hub_copy: Path) -> None:
    page = hub_copy / "docs" / "about.md"
    line = add_to(page, "<!-- hub:countries hub=atlantis -->")
    with pytest.raises(InvalidData) as caught:
        load(hub_copy)
    [problem] = caught.value.problems
    assert str(problem).startswith(f"docs/about.md:{line}: hub:countries: hub: 'atlantis' "
                                   "is not a known hub")


@pytest.mark.build
def test_validate_and_build_refuse_links_and_shortcodes_before_writing_a_page(
        hub_copy: Path, tmp_path: Path) -> None:
    post = next((hub_copy / "docs" / "news" / "posts").glob("*.md"))
    post_line = add_to(post, '<a href="java&#x09;script:alert(1)">news</a>')
    about_line = add_to(hub_copy / "docs" / "about.md", "<!-- hub:nonsense -->")
    expected = [f"docs/news/posts/{post.name}:{post_line}: <a href> 'java\\tscript:alert(1)'",
                f"docs/about.md:{about_line}: unknown shortcode 'hub:nonsense'"]

    validated = run_odhub("validate", cwd=hub_copy)
    assert validated.returncode != 0
    built = mkdocs_build(hub_copy, tmp_path / "site")
    assert built.returncode != 0
    for message in expected:
        assert message in validated.stdout + validated.stderr, message
        assert message in built.stderr, message
    assert "Traceback" not in built.stderr
    assert not list((tmp_path / "site").rglob("*.html"))
