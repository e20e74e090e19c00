"""Real-world XLSForms: how many of those pyxform converts does Madani load (issue 13: ≥ 95 %)?

The corpus is every .xlsx/.xls file of the repositories below, at the commits named (test fixtures and
field forms of pyxform, KoboToolbox, Ona and HOT's field-mapping tools). It stays outside the
repository — the files carry their projects' licences — in ``MADANI_XLSFORM_CORPUS`` (default
``var/xlsform-corpus``); ``python -m bench.xlsform_corpus --fetch`` builds it there with git.

For each file: pyxform's own ``convert`` decides whether it is a valid XLSForm; Madani's
``read_xlsform`` must then load it (the rate is the figure), must refuse every file pyxform refuses with
a message rather than an exception, and no loaded question may show its variable name when pyxform read
a label for it in any language. How many of the loaded forms today's web form fills whole is reported
too (the others are filled in ODK Collect or Enketo): by Madani's check (``web_entry_problems``: no
location, file, range, rank or ``search()`` question), then — when Node and frontend/node_modules are
there — by ODK's engine itself, which opens each loaded form's XForm headless (frontend/odk/open.mjs) and
lists what the web form's renderer would leave to ODK Collect. The corpus holds no data files, so a form
that reads one (select_one_from_file, pulldata) opens as if it were empty: such forms are counted apart.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

from bench import BenchmarkError

REPOSITORIES = [  # (repository, commit, licence)
    ("XLSForm/pyxform", "51e5bfecc306febe03b3c4791ad0dbdecad208a4", "BSD-2-Clause"),
    ("onaio/onadata", "f1db2a39315981fcec824055c32bbac3136767be", "BSD-2-Clause"),
    ("kobotoolbox/kpi", "2e5efb0172e64fc8c8de222039f2aa02c6d6be8e", "AGPL-3.0"),
    ("kobotoolbox/formpack", "176f619aba8f9f1cf095147069a506711979687b", "GPL-3.0"),
    ("hotosm/osm-fieldwork", "e95a42073ba18dc6efbedeac1869efc50b63e472", "AGPL-3.0"),
    ("hotosm/fmtm", "6a974f2af24b12cdf54e67d4ba34ad5530c0defd", "AGPL-3.0"),
    ("XLSForm/xlsform.github.io", "857268798fb6915a14b79a55cf08a85d88379519", "(the XLSForm site's template)"),
]
TARGET = 95.0
OPEN = Path(__file__).resolve().parents[1] / "frontend" / "odk" / "open.mjs"
ENGINE = OPEN.parents[1] / "node_modules" / "@getodk" / "xforms-engine"


def corpus_dir() -> Path:
    return Path(os.environ.get("MADANI_XLSFORM_CORPUS", "var/xlsform-corpus"))


def fetch(target: Path) -> None:
    """Each repository's .xlsx/.xls files at its commit, into ``target/<owner>+<name>/``."""
    for repository, commit, _licence in REPOSITORIES:
        checkout = target / repository.replace("/", "+")
        if checkout.exists():
            continue
        subprocess.run(["git", "init", "-q", str(checkout)], check=True)
        subprocess.run(["git", "-C", str(checkout), "fetch", "-q", "--depth", "1",
                        f"https://github.com/{repository}.git", commit], check=True)
        subprocess.run(["git", "-C", str(checkout), "checkout", "-q", "FETCH_HEAD"], check=True)


def _labelled(children, path="") -> set[str]:
    """Paths of pyxform's elements with a non-empty label in some language."""
    found = set()
    for element in children or []:
        label, here = element.get("label"), f"{path}/{element.get('name')}"
        texts = label.values() if isinstance(label, dict) else [label]
        if any(isinstance(text, str) and text.strip() for text in texts):
            found.add(here)
        found |= _labelled(element.get("children"), here)
    return found


def _unlabelled(items, path=""):
    """Paths of Madani's items whose label is empty in Arabic or in English."""
    from madani.assessments.xlsform import text_in

    for item in items:
        here = f"{path}/{item['name']}"
        if not (text_in(item["label"], "ar") and text_in(item["label"], "en")):
            yield here
        yield from _unlabelled(item.get("children") or [], here)


def measure(files):
    from django.core.exceptions import ValidationError
    from pyxform.xls2xform import convert

    from madani.assessments.domains import DOMAINS
    from madani.assessments.xlsform import read_xlsform, web_entry_problems

    valid, loaded, web, unclear, lost, refused = 0, [], [], [], [], []
    for path in files:
        data = path.read_bytes()
        try:
            result = convert(xlsform=data, file_type=path.suffix.lower(), warnings=[])
        except Exception:  # noqa: BLE001 - pyxform refuses it: Madani must refuse it with a message
            try:
                read_xlsform(data, path.name, domains=set(DOMAINS))
            except ValidationError:
                continue
            except Exception as error:  # noqa: BLE001
                unclear.append(f"{path}: {type(error).__name__}")
            else:
                unclear.append(f"{path}: loaded although pyxform refuses it")
            continue
        valid += 1
        try:
            definition = read_xlsform(data, path.name, domains=set(DOMAINS))
        except ValidationError as error:
            refused.append(f"{path}: {error.messages[0]}")
            continue
        except Exception as error:  # noqa: BLE001
            unclear.append(f"{path}: {type(error).__name__}: {error}")
            continue
        loaded.append((path, definition))
        if not web_entry_problems(definition):
            web.append((path, definition))
        labelled = _labelled(result._pyxform.get("children"))
        lost += [f"{path}: {name}" for name in _unlabelled(definition["children"]) if name in labelled]
    return valid, loaded, web, unclear, lost, refused


def engine_opens(loaded) -> list[dict] | None:
    """What ODK's engine says of each loaded form (open.mjs: opened, what the renderer leaves to ODK
    Collect, the data files it asked for), or None without Node and the engine."""
    if not shutil.which("node") or not ENGINE.exists():
        return None
    with tempfile.TemporaryDirectory(prefix="madani-corpus-") as tmp:
        forms = []
        for index, (_path, definition) in enumerate(loaded):
            form = Path(tmp) / f"{index}.xml"
            form.write_text(definition["xform"], encoding="utf-8")
            forms.append({"form": str(form), "files": None})
        (Path(tmp) / "list.json").write_text(json.dumps(forms), encoding="utf-8")
        done = subprocess.run(["node", str(OPEN), str(Path(tmp) / "list.json")], capture_output=True, text=True,
                              timeout=1800, check=True)
    return [json.loads(line) for line in done.stdout.splitlines()]


def engine_figures(loaded, web) -> list[str]:
    """The engine's word on the web figure; BenchmarkError when it leaves to ODK Collect a question of a
    form that Madani's check says the web form fills whole."""
    from madani.assessments.submissions import expected_data_files

    said = engine_opens(loaded)
    if said is None:
        return ["xlsform_corpus_web_fillable_by_odks_engine: not measured (Node 20 and frontend/node_modules "
                "are needed)"]
    fillable = {path for path, _definition in web}
    opened = [(path, result) for (path, _d), result in zip(loaded, said, strict=True) if result["opened"]]
    wrong = [f"{path}: {', '.join(result['unsupported'])}" for path, result in opened
             if path in fillable and result["unsupported"]]
    if wrong:
        raise BenchmarkError("the web form cannot fill what Madani's check lets through: " + "; ".join(wrong[:10]))
    whole = {path for path, result in opened if not result["unsupported"]}
    refused = [(path, result["error"]) for (path, _d), result in zip(loaded, said, strict=True) if not result["opened"]]
    for path, error in refused:
        print(f"  ODK's engine does not open: {path}: {error}", file=sys.stderr)
    with_files = sum(1 for path, definition in web if path in whole and expected_data_files(definition))
    return [
        f"xlsform_corpus_web_fillable_by_odks_engine: {len(whole & fillable)} of {len(loaded)} loaded forms opened "
        f"headless with nothing left to ODK Collect ({with_files} of them read a data file, uploaded with the "
        f"form); the engine opens {len(opened)} of the {len(loaded)}, the other {len(refused)} hold an XPath "
        f"expression it cannot parse ({sum(1 for path, _e in refused if path in fillable)} of them pass Madani's "
        "check)",
    ]


def run():
    files = sorted(p for p in corpus_dir().rglob("*") if p.suffix.lower() in {".xlsx", ".xls"} and p.is_file())
    if not files:
        raise BenchmarkError(f"No XLSForm corpus in {corpus_dir()}: run python -m bench.xlsform_corpus --fetch")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl's complaints about the files' styles
        valid, loaded, web, unclear, lost, refused = measure(files)
    for line in refused:
        print(f"  refused: {line}", file=sys.stderr)
    if unclear or lost:
        raise BenchmarkError("; ".join((unclear + lost)[:10]))
    rate = 100 * len(loaded) / valid
    if rate < TARGET:
        raise BenchmarkError(f"{len(loaded)} of {valid} forms load ({rate:.1f} %), under {TARGET} %")
    return [
        f"xlsform_corpus_load_rate: {rate:.1f} % ({len(loaded)} of the {valid} forms pyxform converts, "
        f"{len(files)} files; target: ≥ {TARGET:.0f} %)",
        f"xlsform_corpus_refused_with_a_message: {len(files) - valid} of {len(files) - valid} files pyxform "
        "refuses (target: all)",
        "xlsform_corpus_labels_shown_as_names: 0 questions (target: 0)",
        f"xlsform_corpus_web_fillable: {len(web)} of {len(loaded)} loaded forms (Madani's check: no location, "
        "file, range, rank or search() question; none)",
        *engine_figures(loaded, web),
    ]


if __name__ == "__main__":
    if "--fetch" in sys.argv:
        fetch(corpus_dir())
        print(f"corpus in {corpus_dir()}")
