"""Read an XLSForm into the form definition that Madani stores and renders (madani/assessments/README.md).

The spreadsheet is read with pyxform's own reader (so .xlsx and .xls behave as in Kobo and ODK),
checked row by row against the supported subset — every problem names its sheet row and the feature —
and finally passed through pyxform's converter, whose structural checks (duplicate names, unmatched
groups…) then apply too. Nothing here raises anything but ``ValidationError``.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from madani.core.uploads import check_workbook_bounds

from . import xpath
from .domains import known_domains

QUESTION_TYPES = {"text", "integer", "decimal", "select_one", "select_multiple", "date", "note"}
TYPE_ALIASES = {
    "string": "text",
    "int": "integer",
    "select one": "select_one",
    "select all that apply": "select_multiple",
    "select multiple": "select_multiple",
    "begin group": "begin_group",
    "end group": "end_group",
    "begin repeat": "begin_repeat",
    "end repeat": "end_repeat",
}
# Metadata that ODK records on the phone; Madani records who and when itself, so these rows are skipped.
IGNORED_TYPES = {"start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username",
                 "email", "audit"}
TRANSLATED_COLUMNS = ("label", "hint", "constraint_message", "required_message")
SUPPORTED_COLUMNS = {"type", "name", "required", "relevant", "constraint", "madani_domain", "appearance"}
# Columns that would change what the form does if we ignored them.
UNSUPPORTED_COLUMNS = {"calculation", "choice_filter", "repeat_count", "default", "read_only", "readonly", "trigger",
                       "parameters", "image", "audio", "video", "big-image", "body", "bind", "instance", "media",
                       "constraint_message_expression"}
YES = {"yes", "true", "true()", "1"}
NO = {"no", "false", "false()", "0", ""}
LANGUAGE_NAMES = {"arabic": "ar", "english": "en", "العربية": "ar"}


def _language(suffix: str) -> str | None:
    """'Arabic (ar)' → 'ar'; 'en' → 'en'; 'English' → 'en'; anything else → None (another language)."""
    suffix = suffix.strip()
    code = re.search(r"\(([A-Za-z-]+)\)\s*$", suffix)
    if code:
        suffix = code.group(1)
    suffix = suffix.lower()
    return LANGUAGE_NAMES.get(suffix, suffix if suffix in {"ar", "en"} else None)


def _split_column(column: str):
    """'label::Arabic (ar)' → ('label', 'ar'); 'label' → ('label', ''); 'media::image::en' → ('media', …)."""
    base, _sep, suffix = column.partition("::")
    base = base.strip().lower()
    if not _sep:
        return base, ""
    return base, _language(suffix) or "other"


def _texts(row: dict, base: str) -> dict:
    texts = {}
    for column, value in row.items():
        name, language = _split_column(column)
        if name == base and value:
            if language == "":
                texts.setdefault("ar", value)
                texts.setdefault("en", value)
            elif language in {"ar", "en"}:
                texts[language] = value
    return texts


def text_in(texts: dict, language: str) -> str:
    """A bilingual text in the current language, falling back to the other one."""
    if not texts:
        return ""
    return texts.get(language) or texts.get("ar") or texts.get("en") or ""


class Reader:
    def __init__(self):
        self.errors: list[str] = []

    def error(self, message: str):
        self.errors.append(message)

    def survey_error(self, row: int, message: str, **values):
        self.error(_("Survey sheet, row %(row)s: %(problem)s") % {"row": row, "problem": message % values})

    # --- choices ---------------------------------------------------------------------------
    def read_choices(self, rows) -> dict[str, list[dict]]:
        lists: dict[str, list[dict]] = {}
        for index, row in enumerate(rows or []):
            number = index + 2
            if not row:
                continue
            list_name, name = row.get("list_name", "").strip(), row.get("name", "").strip()
            if not list_name or not name:
                self.error(_("Choices sheet, row %(row)s: every choice needs a list_name and a name.") % {"row": number})
                continue
            score = row.get("madani_score", "").strip()
            if score:
                try:
                    score = float(score)
                except ValueError:
                    self.error(_("Choices sheet, row %(row)s: the score “%(value)s” is not a number.")
                               % {"row": number, "value": score})
                    score = None
            lists.setdefault(list_name, []).append(
                {"name": name, "label": _texts(row, "label") or {"ar": name, "en": name},
                 "score": score if score != "" else None}
            )
        return lists

    # --- survey ----------------------------------------------------------------------------
    def check_columns(self, number: int, row: dict):
        for column, value in row.items():
            if not value or column.startswith(("$", "_")):
                continue
            base, _language_ = _split_column(column)
            if base in UNSUPPORTED_COLUMNS:
                self.survey_error(number, _("the column “%(feature)s” is not supported."), feature=column)

    def read_expression(self, number: int, row: dict, column: str):
        text = row.get(column, "").strip()
        if not text:
            return "", set()
        try:
            tree = xpath.parse(text)
        except xpath.UnsupportedExpression as error:
            self.survey_error(number, _("the %(column)s expression uses “%(feature)s”, which is not supported."),
                              column=column, feature=error.feature)
            return "", set()
        except xpath.ExpressionError:
            self.survey_error(number, _("the %(column)s expression “%(expression)s” cannot be read."),
                              column=column, expression=text)
            return "", set()
        return text, {(name, number, column) for name in xpath.references(tree)}

    def read_survey(self, rows, choices, domains) -> list[dict]:
        root: list[dict] = []
        stack: list[dict] = []  # open groups
        names: dict[str, int] = {}
        references = set()
        for index, row in enumerate(rows or []):
            number = index + 2
            if not row:
                continue
            raw_type = " ".join(row.get("type", "").split())
            if not raw_type:
                self.survey_error(number, _("the row has no type."))
                continue
            words = raw_type.split()
            pair = " ".join(words[:2]).lower()
            if pair in TYPE_ALIASES:
                words = [TYPE_ALIASES[pair], *words[2:]]
            else:
                words = [TYPE_ALIASES.get(words[0].lower(), words[0].lower()), *words[1:]]
            base = words[0]
            if base in IGNORED_TYPES:
                continue
            self.check_columns(number, row)
            if base == "end_group":
                if not stack:
                    self.survey_error(number, _("“end group” has no matching “begin group”."))
                else:
                    stack.pop()
                continue
            is_group = base == "begin_group"
            if not is_group and base not in QUESTION_TYPES:
                self.survey_error(number, _("the question type “%(feature)s” is not supported."), feature=raw_type)
                continue
            if base in {"select_one", "select_multiple"} and len(words) != 2:
                feature = "or_other" if "or_other" in words else raw_type
                self.survey_error(number, _("the question type “%(feature)s” is not supported."), feature=feature)
                continue
            if base not in {"select_one", "select_multiple"} and len(words) > 1:
                self.survey_error(number, _("the question type “%(feature)s” is not supported."), feature=raw_type)
                continue
            name = row.get("name", "").strip()
            if not name:
                self.survey_error(number, _("the question has no name."))
                continue
            if name in names:
                self.survey_error(number, _("the name “%(name)s” is already used on row %(other)s."),
                                  name=name, other=names[name])
                continue
            names[name] = number
            required_text = row.get("required", "").strip().lower()
            if required_text not in YES | NO:
                self.survey_error(number, _("“required” with a condition (%(feature)s) is not supported; use yes or no."),
                                  feature=row.get("required"))
            relevant, refs = self.read_expression(number, row, "relevant")
            references |= refs
            constraint, refs = self.read_expression(number, row, "constraint")
            references |= refs
            domain = row.get("madani_domain", "").strip()
            if domain and domain not in domains:
                self.survey_error(number, _("the domain “%(domain)s” is not one of: %(domains)s."),
                                  domain=domain, domains=", ".join(sorted(domains)))
            if not domain and stack:
                domain = stack[-1].get("domain", "")
            item = {"type": "group" if is_group else base, "name": name, "row": number,
                    "label": _texts(row, "label"), "relevant": relevant, "domain": domain}
            if is_group:
                item["children"] = []
            else:
                item.update(hint=_texts(row, "hint"), required=required_text in YES,
                            required_message=_texts(row, "required_message"), constraint=constraint,
                            constraint_message=_texts(row, "constraint_message"))
                if base in {"select_one", "select_multiple"}:
                    list_name = words[1]
                    if list_name not in choices:
                        self.survey_error(number, _("the choice list “%(name)s” is missing from the choices sheet."),
                                          name=list_name)
                    item["list_name"] = list_name
                    item["choices"] = choices.get(list_name, [])
            (stack[-1]["children"] if stack else root).append(item)
            if is_group:
                stack.append(item)
        for group in stack:
            self.survey_error(group["row"], _("“begin group” has no matching “end group”."))
        for name, number, column in sorted(references, key=lambda r: (r[1], r[0])):
            if name not in names:
                self.survey_error(number, _("the %(column)s expression refers to ${%(name)s}, which is not a question of this form."),
                                  column=column, name=name)
        return root


def _pyxform_check(workbook) -> str | None:
    """pyxform's own conversion; returns its complaint (English, naming the row) or None."""
    from pyxform.builder import create_survey_element_from_dict
    from pyxform.errors import PyXFormError
    from pyxform.xls2json import workbook_to_json

    try:
        survey = create_survey_element_from_dict(workbook_to_json(workbook, form_name="data", warnings=[]))
        survey.to_xml(validate=False)
    except PyXFormError as error:
        return str(error)
    except Exception as error:  # noqa: BLE001 - a malformed sheet must never become a server error
        return f"{type(error).__name__}: {error}"
    return None


def _check_bounds(data: bytes, extension: str) -> None:
    """Refuse a workbook too big to read (MADANI_XLSFORM_MAX_ROWS rows per sheet, and for .xlsx the
    unpacked size) with a message naming the sheet, before the reader spends time and memory on it."""
    max_rows = settings.MADANI_XLSFORM_MAX_ROWS
    if extension == "xlsx":
        check_workbook_bounds(data, max_rows=max_rows)
        return
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except Exception:  # noqa: BLE001 - pyxform's reader says what is wrong with it
        return
    try:
        for name in book.sheet_names():
            if book.sheet_by_name(name).nrows > max_rows + 1:  # + 1: the header row
                raise ValidationError(
                    _("The sheet “%(sheet)s” has more than %(limit)s rows, the most this upload accepts.")
                    % {"sheet": name, "limit": max_rows})
            book.unload_sheet(name)
    finally:
        book.release_resources()


def read_xlsform(data: bytes, filename: str = "form.xlsx", domains: set[str] | None = None) -> dict:
    """The definition of the form in ``data`` (an .xlsx or .xls file); ``ValidationError`` listing
    every problem otherwise. ``domains``: the accepted madani_domain values (default: known_domains())."""
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
    reader = Reader()
    choices = reader.read_choices(workbook.choices)
    children = reader.read_survey(workbook.survey, choices, known_domains() if domains is None else domains)
    if reader.errors:
        raise ValidationError(reader.errors)
    if not any(True for _item in iter_items(children) if _item["type"] != "group"):
        raise ValidationError(_("The form has no questions."))
    complaint = _pyxform_check(workbook)
    if complaint:
        raise ValidationError(_("The XLSForm has an error: %(detail)s") % {"detail": complaint})
    settings = (workbook.settings or [{}])[0] if workbook.settings else {}
    return {
        "format": 1,
        "title": _texts(settings, "form_title") or {},
        "version": str(settings.get("version", "")).strip(),
        "children": children,
    }


def iter_items(children, groups=()):
    """Every question, note and group of a definition's tree, in order (groups before their children)."""
    for item in children:
        yield item
        if item["type"] == "group":
            yield from iter_items(item["children"], (*groups, item))


def iter_questions(definition: dict):
    """(question, enclosing groups) for every answerable question, in form order."""
    def walk(children, groups):
        for item in children:
            if item["type"] == "group":
                yield from walk(item["children"], (*groups, item))
            elif item["type"] != "note":
                yield item, groups
    yield from walk(definition["children"], ())
