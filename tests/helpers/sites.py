"""Small Hugo sites for tests, written file by file into a folder."""

from __future__ import annotations

from pathlib import Path


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


# a multilingual site with config/_default/ files, custom taxonomies and :filename dates
MULTILINGUAL = {
    "config/_default/hugo.toml": 'baseURL = "https://example.org/"\ntitle = "Two languages"\n'
    'defaultContentLanguage = "en"\ntimeZone = "America/New_York"\n',
    "config/_default/languages.yaml": "en:\n  contentDir: content/en\n  weight: 1\n"
    "pt:\n  contentDir: content/pt\n  weight: 2\n",
    "config/_default/taxonomies.toml": 'tag = "tags"\nseries = "series"\n',
    "config/_default/params.toml": 'subtitle = "from params.toml"\n',
    "config/_default/menus.en.toml": '[[main]]\nname = "Home"\nurl = "/"\n',
    "config/_default/frontmatter.toml": 'date = [":filename", ":default"]\n',
    "content/en/posts/2024-03-01-dated-by-name.md": "---\ntitle: Dated by its name\ntags: [Go]\n---\nx\n",
    "content/en/posts/trip/index.md": '+++\ntitle = "A trip"\ndate = "2023-10-02"\ndraft = true\n'
    'series = ["Travel"]\ntags = ["go", "Travel"]\n+++\n![](cover.jpg)\n',
    "content/en/posts/trip/cover.jpg": "not really a picture",
    "content/en/posts/trip/notes.md": "---\ntitle: A resource, not a page\n---\n",
    "content/en/posts/trip/gallery/one.jpg": "another",
    "content/en/notes/future.md": '+++\ntitle = "Not yet"\ndate = 2099-01-01T10:00:00+01:00\n+++\n',
    "content/en/_index.md": "---\ntitle: Home\n---\n",
    "content/en/notes/local.md": '+++\ntitle = "Local time"\ndate = 2024-06-01T08:30:00\n+++\n',
    "content/en/notes/day.md": '+++\ntitle = "A day"\ndate = 2024-06-02\n+++\n',
    "content/pt/posts/viagem/index.md": "---\ntitle: Uma viagem\ndate: 2023-10-03T08:00:00Z\n"
    "series: [travel]\n---\n",
    "content/pt/posts/broken.md": "---\ntitle: [unclosed\n---\n",
}

# archetypes: a template one with logic, and a directory one for bundles
ARCHETYPES = {
    "hugo.toml": 'baseURL = "https://example.org/"\ntitle = "S"\n',
    "archetypes/default.md": '+++\ntitle = "{{ replace .File.ContentBaseName "-" " " | title }}"\n'
    "date = {{ .Date }}\ndraft = true\n"
    '{{ if eq .Section "posts" }}tags = ["new"]{{ end }}\n+++\n',
    "archetypes/talks/index.md": '---\ntitle: "{{ .Name | humanize | title }}"\ndate: {{ .Date }}\n'
    "draft: true\n---\n\n### Links\n",
    "archetypes/talks/slides.txt": "slides go here",
    "content/posts/.keep": "",
}
