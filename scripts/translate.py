#!/usr/bin/env python
"""Fill the nl/fr/de/en catalogues without stepping on each other.

  python scripts/translate.py missing [PATH_PREFIX]   list untranslated msgids (JSON)
  python scripts/translate.py apply FILE.json         apply {msgid: {"nl": .., ...}}

Both hold the same lock as `make messages`; `apply` compiles the .mo files after.
English needs no entry: an empty English msgstr shows the msgid itself, which is
English already. Plural entries take {"nl": ["one", "many"], ...}.
"""

import fcntl
import json
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCK = "/tmp/newcomer-exchange-po.lock"  # noqa: S108 (same lock as the Makefile)
LANGS = ("nl", "fr", "de")


def catalogue(lang):
    return ROOT / "locale" / lang / "LC_MESSAGES" / "django.po"


def missing(prefix=""):
    result = {}
    for lang in LANGS:
        for entry in polib.pofile(str(catalogue(lang))):
            if entry.obsolete:
                continue
            occurrences = (path for path, _ in entry.occurrences)
            if prefix and not any(path.startswith(prefix) for path in occurrences):
                continue
            empty = (not entry.msgstr) if not entry.msgid_plural else not all(
                entry.msgstr_plural.values()
            )
            if empty or "fuzzy" in entry.flags:
                result.setdefault(entry.msgid, []).append(lang)
    return result


def apply(path):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    changed = 0
    for lang in LANGS:
        po = polib.pofile(str(catalogue(lang)))
        for entry in po:
            if entry.msgid not in data or lang not in data[entry.msgid]:
                continue
            value = data[entry.msgid][lang]
            if entry.msgid_plural:
                forms = value if isinstance(value, list) else [value, value]
                last = len(forms) - 1
                entry.msgstr_plural = {i: forms[min(i, last)] for i in range(2)}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            changed += 1
        po.save()
    subprocess.run(
        [sys.executable, "manage.py", "compilemessages", "--ignore=.venv", "-v", "0"],
        cwd=ROOT, check=True,
    )
    return changed


if __name__ == "__main__":
    with open(LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if len(sys.argv) >= 2 and sys.argv[1] == "missing":
            prefix = sys.argv[2] if len(sys.argv) > 2 else ""
            print(json.dumps(missing(prefix), ensure_ascii=False, indent=1))
        elif len(sys.argv) == 3 and sys.argv[1] == "apply":
            print(f"{apply(sys.argv[2])} translations applied")
        else:
            print(__doc__)
            sys.exit(2)
