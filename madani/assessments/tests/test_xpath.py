"""The XPath subset of relevant/constraint: table tests and properties."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from madani.assessments import xpath

ANSWERS = {"age": 30, "name": "سلمى", "yes_no": "yes", "tools": ["budget", "audit"], "empty": None,
           "date": "2024-05-01", "ratio": 2.5}


@pytest.mark.parametrize("expression, expected", [
    ("${age} = 30", True),
    ("${age} != 30", False),
    ("${age} > 18 and ${age} < 65", True),
    ("${age} < 18 or ${yes_no} = 'yes'", True),
    ("not(${yes_no} = 'no')", True),
    ("${name} = 'سلمى'", True),
    ('${name} = "سلمى"', True),
    ("selected(${tools}, 'audit')", True),
    ("selected(${tools}, 'manual')", False),
    ("count-selected(${tools}) = 2", True),
    ("count-selected(${empty}) = 0", True),
    ("${empty} = ''", True),
    ("${empty} != ''", False),
    ("${empty} > 3", False),
    ("${date} >= '2024-01-01'", True),
    ("${date} < '2024-01-01'", False),
    ("${ratio} >= 2.5", True),
    ("${age} >= -1", True),
    ("(${age} > 40 or ${age} < 35) and not(${empty} = 'x')", True),
    ("${age}", True),
    ("${empty}", False),
])
def test_it_evaluates_the_supported_subset(expression, expected):
    assert xpath.is_true(expression, ANSWERS) is expected


@pytest.mark.parametrize("expression, value, expected", [
    (". >= 0 and . <= 100", 50, True),
    (". >= 0 and . <= 100", 101, False),
    ("not(selected(., 'none') and count-selected(.) > 1)", ["none", "local"], False),
    ("not(selected(., 'none') and count-selected(.) > 1)", ["international", "local"], True),
    (". != 'x'", "y", True),
])
def test_the_dot_is_the_answer_being_checked(expression, value, expected):
    assert xpath.is_true(expression, {}, current=value) is expected


@pytest.mark.parametrize("expression, feature", [
    ("position() = 1", "position()"),
    ("string-length(.) > 3", "string-length()"),
    ("/data/age > 3", "/ (paths)"),
    ("${age} + 1 > 3", "+ (arithmetic)"),
    ("${age} - 1 > 3", "- (arithmetic)"),
    ("${age} * 2 > 3", "* (arithmetic)"),
    ("${age} div 2 > 3", "div (arithmetic)"),
    ("${tools}[1] = 'a'", "[ ] (predicates)"),
    ("age > 3", "age (paths)"),
    ("${a} | ${b}", "|"),
])
def test_it_names_the_unsupported_feature(expression, feature):
    with pytest.raises(xpath.UnsupportedExpression) as error:
        xpath.parse(expression)
    assert error.value.feature == feature


@pytest.mark.parametrize("expression", ["", "${age} =", "(${age} = 1", "selected(${a})", "${} = 1", "1 < 2 < 3", "'open"])
def test_malformed_expressions_are_rejected(expression):
    with pytest.raises(xpath.ExpressionError):
        xpath.parse(expression)


def test_references_lists_the_fields_read():
    assert xpath.references(xpath.parse("${a} = 1 and selected(${b}, 'x') or not(${a} = ${c})")) == {"a", "b", "c"}


@given(st.text(max_size=40))
def test_any_text_either_parses_or_raises_an_expression_error(text):
    try:
        tree = xpath.parse(text)
    except xpath.ExpressionError:
        return
    xpath.evaluate(tree, {}, current="")  # whatever parses, evaluates without crashing


@given(st.integers(-1000, 1000), st.integers(-1000, 1000), st.sampled_from(["=", "!=", "<", "<=", ">", ">="]))
def test_number_comparisons_agree_with_python(a, b, op):
    python = {"=": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]
    assert xpath.is_true(f"${{x}} {op} {b}", {"x": a}) is python
    assert xpath.is_true(f". {op} {b}", {}, current=a) is python


@given(st.booleans(), st.booleans())
def test_logic_agrees_with_python(p, q):
    answers = {"p": "yes" if p else "no", "q": "yes" if q else "no"}
    assert xpath.is_true("${p} = 'yes' and ${q} = 'yes'", answers) is (p and q)
    assert xpath.is_true("${p} = 'yes' or ${q} = 'yes'", answers) is (p or q)
    assert xpath.is_true("not(${p} = 'yes')", answers) is (not p)
