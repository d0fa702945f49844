"""Every user-facing string has its Indonesian translation (the default language)."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[3]
PACKAGE = PROJECT / "binaasn"


def parse_po(path):
    """Entries of a .po file as dicts: msgid, msgstr (joined plurals), flags."""
    entries, current, field = [], None, None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            if current:
                entries.append(current)
            current, field = None, None
            continue
        if current is None:
            current = {"msgid": "", "msgstr": "", "flags": "", "plural": False}
        if line.startswith("#,"):
            current["flags"] += line
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid_plural"):
            current["plural"] = True
            field = "ignore"
        elif line.startswith("msgid "):
            field = "msgid"
            current["msgid"] += _unquote(line[6:])
        elif line.startswith("msgstr"):
            field = "msgstr"
            value = _unquote(line.split(" ", 1)[1])
            current["msgstr"] += value if value else ""
            if re.match(r"msgstr\[\d+\]", line):
                # one form per index; a long one starts with "" and goes on the next lines
                current.setdefault("plural_forms", []).append(value)
        elif line.startswith('"') and field in ("msgid", "msgstr"):
            current[field] += _unquote(line)
            if field == "msgstr" and current.get("plural_forms"):
                current["plural_forms"][-1] += _unquote(line)
    if current:
        entries.append(current)
    for entry in entries:
        if any(not form for form in entry.pop("plural_forms", [])):
            entry["empty_plural"] = True
    return [e for e in entries if e["msgid"]]


def _unquote(text):
    text = text.strip()
    return text[1:-1] if text.startswith('"') and text.endswith('"') else text


def untranslated(entries):
    return [
        e["msgid"]
        for e in entries
        if not e["msgstr"] or "fuzzy" in e["flags"] or e.get("empty_plural")
    ]


def test_every_string_has_an_indonesian_translation(tmp_path):
    """Extract the strings afresh (makemessages in a copy of the tree) and check each one."""
    assert shutil.which("xgettext"), "This test needs GNU gettext: apt-get install gettext"
    copy = tmp_path / "binaasn"
    shutil.copytree(
        PACKAGE,
        copy,
        ignore=shutil.ignore_patterns("vendor", "__pycache__", "*.pyc", "media"),
    )
    env = dict(os.environ)
    env.update(
        BINAASN_LOCALE_DIR=str(copy / "locale"),
        DJANGO_SETTINGS_MODULE="binaasn.settings",
        PYTHONPATH=str(PROJECT),
        BINAASN_TESTING="1",
    )
    env.pop("DATABASE_URL", None)
    (copy / "locale").mkdir(exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "id",
            "--no-obsolete",
            "--ignore=static/*",
            "--ignore=*/tests/*",
        ],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-d",
            "djangojs",
            "-l",
            "id",
            "--no-obsolete",
            "--ignore=static/vendor/*",
        ],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    missing = untranslated(parse_po(copy / "locale" / "id" / "LC_MESSAGES" / "django.po"))
    js = copy / "locale" / "id" / "LC_MESSAGES" / "djangojs.po"
    if js.exists():
        missing += untranslated(parse_po(js))
    assert not missing, f"{len(missing)} strings lack an Indonesian translation: {missing[:20]}"


def test_compiled_catalogue_is_in_the_repository():
    """`make run` works without gettext installed, so the compiled .mo is committed."""
    po = PACKAGE / "locale" / "id" / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    assert po.exists() and mo.exists()
    assert shutil.which("msgfmt"), "This test needs GNU gettext: apt-get install gettext"
    fresh = subprocess.run(
        ["msgfmt", "--check-format", "-o", "-", str(po)], check=True, capture_output=True
    ).stdout
    assert fresh == mo.read_bytes(), "django.mo is stale: run `make messages` and commit it"


def test_parser_reads_wrapped_plural_translations_and_flags_empty_ones(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid "%(n)d action is open"\n'
        'msgid_plural "%(n)d actions are open"\n'
        'msgstr[0] ""\n'
        '"%(n)d tindakan "\n'
        '"masih terbuka"\n'
        "\n"
        'msgid "%(n)d file"\n'
        'msgid_plural "%(n)d files"\n'
        'msgstr[0] ""\n',
        encoding="utf-8",
    )
    entries = parse_po(po)
    assert untranslated(entries) == ["%(n)d file"]
    assert entries[0]["msgstr"] == "%(n)d tindakan masih terbuka"
