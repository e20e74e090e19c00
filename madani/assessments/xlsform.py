"""Read an XLSForm with pyxform, ODK's own converter (XLSForm → XForm), into what Madani stores.

pyxform reads the workbook (.xlsx or .xls, as Kobo and ODK do: aliases such as ``list name`` and
``select one from``, comment rows, every question type) and converts it to an XForm; its refusals name
their row. From the same conversion Madani keeps:

- ``xform``: the XForm XML, what ODK Collect, Enketo and ODK Web Forms fill;
- ``children``: the tree of groups, repeats and questions, with labels, hints and messages per language
  (``ar``, ``en`` or the form's own language names) — a question with a label in any language never
  shows its variable name — and Madani's two columns, ``madani_domain`` (survey) and ``madani_score``
  (choices), which score needs assessments and tests;
- ``web_problems``: what the web form (ODK's engine with Madani's renderer, ``static/collect/webform.js``)
  cannot fill — locations, files, ranges, rankings, whatever the type's alias (``gps``, ``osm``…) — with
  its sheet row, and the ``search()`` appearance (ODK Collect's lookup in a CSV), so that a needs
  assessment or test, filled on the web, is refused with a clear message rather than shown with a
  question missing. Relevance, constraints, calculations, repeats and choice filters are ODK's engine's
  to apply: Madani evaluates no XPath. Choices from a file (``select_one_from_file``) and ``pulldata()``
  read the files uploaded with the form (``submissions.expected_media``), which the web form hands to the
  engine.

Nothing here raises anything but ``ValidationError``.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from madani.core.uploads import check_workbook_bounds

from .domains import known_domains

# pyxform's names of the question types the web form fills, and Madani's names for them.
WEB_TYPES = {"text": "text", "integer": "integer", "decimal": "decimal", "date": "date", "note": "note",
             "select one": "select_one", "select all that apply": "select_multiple"}
BIND_TYPES = {"string": "text", "int": "integer", "decimal": "decimal", "date": "date"}
# What webform.js shows as "filled in ODK Collect": inputs of these bind types, and these controls.
NOT_ON_THE_WEB_BINDS = {"geopoint", "geotrace", "geoshape", "binary"}
NOT_ON_THE_WEB_CONTROLS = {"upload", "range", "odk:rank"}


def web_type(kind: str) -> str | None:
    """Madani's name for a pyxform question type the web form fills (aliases such as ``int``, ``string``
    and ``q note`` included, read from pyxform's own dictionary), or None."""
    from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

    if kind in WEB_TYPES:
        return WEB_TYPES[kind]
    entry = QUESTION_TYPE_DICT.get(kind) or {}
    control, bind = entry.get("control") or {}, entry.get("bind") or {}
    if set(entry) - {"control", "bind"} or set(control) - {"tag"} or set(bind) - {"type", "readonly"}:
        return None
    if control.get("tag") == "select1":
        return "select_one"
    if control.get("tag") == "select":
        return "select_multiple"
    if control.get("tag") == "input":
        return "note" if bind.get("readonly") == "true()" else BIND_TYPES.get(bind.get("type"))
    return None


def on_the_web(kind: str) -> bool:
    """Whether webform.js draws a question of the pyxform type ``kind`` (read from pyxform's own
    dictionary, so that ``gps``, ``location`` or ``osm`` count as what they are)."""
    from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

    entry = QUESTION_TYPE_DICT.get(kind) or {}
    return ((entry.get("bind") or {}).get("type") not in NOT_ON_THE_WEB_BINDS
            and (entry.get("control") or {}).get("tag") not in NOT_ON_THE_WEB_CONTROLS)


# Metadata that ODK records on the phone (start, end, device…); Madani records who and when itself.
METADATA_TYPES = {"start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username",
                  "email", "audit", "start-geopoint", "background-audio", "background-geopoint"}
# Columns whose text is per language, which pyxform reads as ``label::Arabic (ar)`` — or ``label:Arabic``
# when no header of the sheet uses "::" (Madani accepts the single colon beside "::" too).
TRANSLATED = ("label", "hint", "guidance_hint", "constraint_message", "required_message", "image", "audio", "video",
              "big-image")
SINGLE_COLON = re.compile(r"^\s*(%s)\s*:(?!:)\s*(.+)$" % "|".join(re.escape(t) for t in TRANSLATED), re.IGNORECASE)
LANGUAGE_NAMES = {"arabic": "ar", "english": "en", "العربية": "ar", "عربي": "ar", "عربى": "ar", "الإنجليزية": "en",
                  "الانجليزية": "en", "انكليزي": "en"}
YES = {"yes", "true", "true()", "1"}
NO = {"no", "false", "false()", "0", ""}


def language_code(name: str) -> str:
    """A pyxform language name as Madani keys it: 'Arabic (ar)', 'ar', 'Arabic', 'العربية' → 'ar';
    'English (en)' → 'en'; 'default' (a column without a language) → ''; any other → its code or name."""
    name = (name or "").strip()
    if name in {"", "default"}:
        return ""
    code = re.search(r"\(([A-Za-z-]+)\)\s*$", name)
    if code:
        return code.group(1).lower()
    return LANGUAGE_NAMES.get(name.lower(), name.lower())


def texts_of(value) -> dict:
    """{language: text} from pyxform's label/hint value (a string, or {language name: text})."""
    if not value:
        return {}
    if isinstance(value, str):
        return {"ar": value, "en": value}
    texts = {}
    for language, text in value.items():
        if not isinstance(text, str) or not text.strip():
            continue
        code = language_code(language)
        if code == "":
            texts.setdefault("ar", text)
            texts.setdefault("en", text)
        else:
            texts[code] = text
    return texts


def text_in(texts: dict, language: str) -> str:
    """A text in ``language``, else Arabic, else English, else the form's any other language."""
    if not texts:
        return ""
    return (texts.get(language) or texts.get("ar") or texts.get("en")
            or next((text for text in texts.values() if text), ""))


def _normalize_headers(rows):
    """``label:Arabic`` → ``label::Arabic`` in a sheet that mixes both delimiters (pyxform splits on
    ":" only when no header uses "::")."""
    renamed = []
    for row in rows or []:
        fixed = {}
        for column, value in row.items():
            match = SINGLE_COLON.match(column) if isinstance(column, str) and "::" not in column else None
            fixed[f"{match.group(1)}::{match.group(2)}" if match else column] = value
        renamed.append(fixed)
    return renamed


def _check_bounds(data: bytes, extension: str) -> None:
    """Refuse a workbook too big to read (MADANI_XLSFORM_MAX_ROWS rows per sheet, and for .xlsx the
    unpacked size) with a message naming the sheet, before the reader spends time and memory on it."""
    max_rows = settings.MADANI_XLSFORM_MAX_ROWS
    if extension == "xlsx":
        check_workbook_bounds(data, max_rows=max_rows, reader_skips_empty_rows=True)  # pyxform stops at 60 empty rows
        return
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except Exception:  # noqa: BLE001 - pyxform's reader says what is wrong with it
        return
    try:
        for name in book.sheet_names():
            sheet = book.sheet_by_name(name)
            filled = sum(1 for index in range(sheet.nrows) if any(str(v).strip() for v in sheet.row_values(index)))
            if filled > max_rows + 1:  # + 1: the header row; empty rows do not count (pyxform skips them)
                raise ValidationError(
                    _("The sheet “%(sheet)s” has more than %(limit)s rows, the most this upload accepts.")
                    % {"sheet": name, "limit": max_rows})
            book.unload_sheet(name)
    finally:
        book.release_resources()


def convert(data: bytes, filename: str = "form.xlsx"):
    """(workbook, pyxform's JSON, XForm XML) of the XLSForm in ``data``; ``ValidationError`` otherwise."""
    from pyxform.builder import create_survey_element_from_dict
    from pyxform.errors import PyXFormError
    from pyxform.xls2json import workbook_to_json
    from pyxform.xls2json_backends import get_xlsform

    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in {"xlsx", "xls"}:
        raise ValidationError(_("Upload the form as an Excel file (.xlsx or .xls)."))
    _check_bounds(data, extension)  # before pyxform reads every row of every sheet into memory
    try:
        workbook = get_xlsform(data, file_type=f".{extension}")
    except Exception:  # noqa: BLE001 - whatever the file holds, the answer is a clear message
        raise ValidationError(_("The file could not be read as an XLSForm spreadsheet.")) from None
    if not workbook.survey:
        raise ValidationError(_("The file has no “survey” sheet with questions."))
    for sheet in ("survey", "choices", "settings"):
        setattr(workbook, sheet, _normalize_headers(getattr(workbook, sheet)))
        header = getattr(workbook, f"{sheet}_header")
        if header:
            setattr(workbook, f"{sheet}_header", _normalize_headers(header))
    try:
        json = workbook_to_json(workbook_dict=workbook, form_name="data",
                                fallback_form_name=workbook.fallback_form_name, warnings=[])
        xform = create_survey_element_from_dict(json).to_xml(validate=False, warnings=[])
    except PyXFormError as error:
        raise ValidationError(_("The XLSForm has an error: %(detail)s") % {"detail": str(error).strip()}) from None
    except Exception as error:  # noqa: BLE001 - a malformed sheet must never become a server error
        raise ValidationError(_("The XLSForm has an error: %(detail)s")
                              % {"detail": f"{type(error).__name__}: {error}"}) from None
    return workbook, json, xform


class Tree:
    """Madani's tree from pyxform's JSON, with the rows of the survey sheet for its messages."""

    def __init__(self, workbook, domains: set[str]):
        self.errors: list[str] = []
        self.web_problems: list[list] = []  # [row, feature]
        self.domains = domains
        self.rows: dict[str, int] = {}
        for index, row in enumerate(workbook.survey or []):
            name = str((row or {}).get("name", "")).strip()
            if name and name not in self.rows:
                self.rows[name] = index + 2
        self.last_row = 2

    def row_of(self, name: str) -> int:
        # Rows pyxform adds itself (an or_other's text, a repeat's count) take the row before them.
        self.last_row = self.rows.get(name, self.last_row)
        return self.last_row

    def survey_error(self, row: int, message: str, **values):
        self.errors.append(_("Survey sheet, row %(row)s: %(problem)s") % {"row": row, "problem": message % values})

    def web(self, row: int, feature: str):
        self.web_problems.append([row, feature])

    def choices(self, element, choice_rows) -> list[dict]:
        found = []
        for choice in element.get("choices") or []:
            score = str(choice.get("madani_score", "") or "").strip()
            value = None
            if score:
                try:
                    value = float(score)
                except ValueError:
                    row = choice_rows.get((element.get("list_name"), choice.get("name")), "?")
                    self.errors.append(_("Choices sheet, row %(row)s: the score “%(value)s” is not a number.")
                                       % {"row": row, "value": score})
            name = str(choice.get("name", ""))
            found.append({"name": name, "label": texts_of(choice.get("label")) or {"ar": name, "en": name},
                          "score": value})
        return found

    @staticmethod
    def expression(text: str) -> str:
        """The expression as written: ODK's engine evaluates it where the form is filled."""
        return text or ""

    def walk(self, children, choice_rows, domain="") -> list[dict]:
        items = []
        for element in children:
            kind, name = element.get("type", ""), str(element.get("name", ""))
            if kind in METADATA_TYPES or (element.get("control") or {}).get("bodyless"):
                continue
            row = self.row_of(name)
            bind = element.get("bind") or {}
            own_domain = str(element.get("madani_domain", "") or "").strip()
            if own_domain and own_domain not in self.domains:
                self.survey_error(row, _("the domain “%(domain)s” is not one of: %(domains)s."),
                                  domain=own_domain, domains=", ".join(sorted(self.domains)))
            item_domain = own_domain or domain
            madani_type = web_type(kind)
            item = {"type": madani_type or kind.replace(" ", "_"), "name": name, "row": row,
                    "label": texts_of(element.get("label")), "domain": item_domain,
                    "relevant": self.expression(bind.get("relevant", ""))}
            if kind in {"group", "repeat"}:
                item["type"] = kind
                item["children"] = self.walk(element.get("children") or [], choice_rows, item_domain)
                items.append(item)
                continue
            if not on_the_web(kind):
                self.web(row, kind)
            elif "search(" in str((element.get("control") or {}).get("appearance", "")):
                self.web(row, "search()")  # Collect's own lookup in a CSV, which ODK's web engine does not do
            required = str(bind.get("required", "") or "").strip()
            item.update(hint=texts_of(element.get("hint")), required=required.lower() in YES,
                        required_message=texts_of(bind.get("jr:requiredMsg")),
                        constraint=self.expression(bind.get("constraint", "")),
                        constraint_message=texts_of(bind.get("jr:constraintMsg")))
            if madani_type in {"select_one", "select_multiple"}:
                item["list_name"] = element.get("list_name") or element.get("itemset", "")
                item["choices"] = self.choices(element, choice_rows)
            items.append(item)
        return items


def read_xlsform(data: bytes, filename: str = "form.xlsx", domains: set[str] | None = None) -> dict:
    """The definition of the form in ``data`` (an .xlsx or .xls file) — any form pyxform converts;
    ``ValidationError`` listing every problem otherwise. ``domains``: the accepted madani_domain values
    (default: known_domains())."""
    workbook, json, xform = convert(data, filename)
    choice_rows = {}
    for index, row in enumerate(workbook.choices or []):
        key = (str((row or {}).get("list_name", "") or "").strip(), str((row or {}).get("name", "") or "").strip())
        choice_rows.setdefault(key, index + 2)
    tree = Tree(workbook, known_domains() if domains is None else domains)
    children = tree.walk(json.get("children") or [], choice_rows)
    if tree.errors:
        raise ValidationError(tree.errors)
    if not any(True for item in iter_items(children) if item["type"] not in {"group", "repeat"}):
        raise ValidationError(_("The form has no questions."))
    settings_row = (workbook.settings or [{}])[0] if workbook.settings else {}
    title = {key.partition("::")[2] or "": value for key, value in settings_row.items()
             if key.split("::")[0].strip().lower() == "form_title" and value}
    return {
        "format": 2,
        "title": texts_of({("default" if not k else k): v for k, v in title.items()}),
        "version": str(json.get("version", "") or "").strip(),
        "form_id": str(json.get("id_string", "") or ""),
        "children": children,
        "web_problems": tree.web_problems,
        "xform": xform,
    }


def web_entry_problems(definition: dict) -> list[str]:
    """What the web form cannot fill in this form yet, each naming its survey row and the feature, in
    the current language (empty: the web form fills it all)."""
    return [_("Survey sheet, row %(row)s: %(problem)s") % {
        "row": row, "problem": _("“%(feature)s” cannot be filled in the web form yet.") % {"feature": feature}}
        for row, feature in definition.get("web_problems", [])]


def iter_items(children, groups=()):
    """Every question, note and group of a definition's tree, in order (groups before their children)."""
    for item in children:
        yield item
        if item["type"] in {"group", "repeat"}:
            yield from iter_items(item["children"], (*groups, item))


def iter_questions(definition: dict):
    """(question, enclosing groups) for every answerable question, in form order."""
    def walk(children, groups):
        for item in children:
            if item["type"] in {"group", "repeat"}:
                yield from walk(item["children"], (*groups, item))
            elif item["type"] != "note":
                yield item, groups
    yield from walk(definition["children"], ())
