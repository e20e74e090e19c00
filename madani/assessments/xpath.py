"""A small, safe evaluator for the subset of XPath that XLSForm `relevant` and `constraint` columns use.

No ``eval``: a tokenizer and a recursive-descent parser build a tiny tree, which is then evaluated
against the answers. The subset (documented in madani/assessments/README.md):

    ${field}            the answer to another question ("" when unanswered)
    .                   the answer to this question (in constraints)
    'text' "text" 12 -3.5   string and number literals
    = != < <= > >=      comparisons
    and or              logic; ( ) for grouping
    not(e) selected(${f}, 'v') count-selected(${f})

Anything else (paths, predicates, arithmetic, other functions) raises ``UnsupportedExpression``
naming the feature, so that the upload can tell the author which row and which feature.
"""

import re
from dataclasses import dataclass

FUNCTIONS = {"not": 1, "selected": 2, "count-selected": 1}
COMPARISONS = {"=", "!=", "<", "<=", ">", ">="}


class ExpressionError(ValueError):
    """The expression is not valid in the supported subset; ``feature`` names what was found."""

    def __init__(self, feature: str):
        super().__init__(feature)
        self.feature = feature


class UnsupportedExpression(ExpressionError):
    """A real XPath feature outside the subset (a function, an operator, a path…)."""


class MalformedExpression(ExpressionError):
    """Not a well-formed expression at all (unbalanced brackets, a dangling operator…)."""


@dataclass(frozen=True)
class Token:
    kind: str  # ref, dot, string, number, op, name, lparen, rparen, comma
    value: str


TOKEN_RE = re.compile(
    r"""\s*(?:
        (?P<ref>\$\{(?P<refname>[^}]*)\})
      | (?P<number>\d+(?:\.\d+)?|\.\d+)
      | (?P<string>'[^']*'|"[^"]*")
      | (?P<op>!=|<=|>=|=|<|>)
      | (?P<dot>\.(?![\w.]))
      | (?P<lparen>\()
      | (?P<rparen>\))
      | (?P<comma>,)
      | (?P<name>[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)
      | (?P<minus>-)
      | (?P<other>\.\.|//|\S)
    )""",
    re.VERBOSE,
)
NAME_RE = re.compile(r"^[A-Za-z_][\w.-]*$")


def tokenize(text: str) -> list[Token]:
    tokens, position = [], 0
    text = text or ""
    while position < len(text):
        if text[position:].strip() == "":
            break
        match = TOKEN_RE.match(text, position)
        if not match:  # pragma: no cover - the pattern matches any non-space character
            raise MalformedExpression(text[position:])
        position = match.end()
        kind = "other"
        for group in ("ref", "number", "string", "op", "dot", "lparen", "rparen", "comma", "name", "minus", "other"):
            if match.group(group) is not None:
                kind = group
                break
        if kind == "ref":
            name = match.group("refname").strip()
            if not NAME_RE.match(name):
                raise MalformedExpression(match.group("ref"))
            tokens.append(Token("ref", name))
        elif kind == "string":
            tokens.append(Token("string", match.group("string")[1:-1]))
        elif kind == "other":
            raise UnsupportedExpression(_describe_other(match.group("other")))
        else:
            tokens.append(Token(kind, match.group(kind)))
    return tokens


def _describe_other(symbol: str) -> str:
    if symbol in {"/", "//", ".."}:
        return f"{symbol} (paths)"
    if symbol == "[":
        return "[ ] (predicates)"
    if symbol in {"+", "-", "*"}:
        return f"{symbol} (arithmetic)"
    return symbol


class Parser:
    """expr := or ; or := and ('or' and)* ; and := cmp ('and' cmp)* ;
    cmp := unary (OP unary)? ; unary := '-'? primary ; primary := literal | ref | '.' | call | '(' expr ')'"""

    def __init__(self, text: str):
        self.text = text
        self.tokens = tokenize(text)
        self.index = 0

    def peek(self) -> Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> Token:
        token = self.peek()
        if token is None:
            raise MalformedExpression(self.text)
        self.index += 1
        return token

    def expect(self, kind: str) -> Token:
        token = self.take()
        if token.kind != kind:
            self.unexpected(token)
        return token

    @staticmethod
    def unexpected(token: Token):
        """A token where an operator or the end was due: arithmetic is unsupported, the rest malformed."""
        if token.kind == "minus" or (token.kind == "name" and token.value in {"div", "mod"}):
            raise UnsupportedExpression(f"{token.value} (arithmetic)")
        raise MalformedExpression(token.value)

    def parse(self):
        if not self.tokens:
            raise MalformedExpression(self.text)
        node = self.parse_or()
        if self.peek() is not None:
            self.unexpected(self.peek())
        return node

    def _keyword(self, word: str) -> bool:
        token = self.peek()
        if token is not None and token.kind == "name" and token.value == word:
            self.index += 1
            return True
        return False

    def parse_or(self):
        node = self.parse_and()
        while self._keyword("or"):
            node = ("or", node, self.parse_and())
        return node

    def parse_and(self):
        node = self.parse_comparison()
        while self._keyword("and"):
            node = ("and", node, self.parse_comparison())
        return node

    def parse_comparison(self):
        node = self.parse_primary()
        token = self.peek()
        if token is not None and token.kind == "op":
            self.index += 1
            node = ("cmp", token.value, node, self.parse_primary())
            after = self.peek()
            if after is not None and after.kind == "op":  # a < b < c
                raise MalformedExpression(after.value)
        return node

    def parse_primary(self):
        token = self.take()
        if token.kind == "number":
            return ("lit", float(token.value))
        if token.kind == "minus":
            number = self.take()
            if number.kind != "number":
                raise UnsupportedExpression("- (arithmetic)")
            return ("lit", -float(number.value))
        if token.kind == "string":
            return ("lit", token.value)
        if token.kind == "ref":
            return ("ref", token.value)
        if token.kind == "dot":
            return ("dot",)
        if token.kind == "lparen":
            node = self.parse_or()
            self.expect("rparen")
            return node
        if token.kind == "name":
            following = self.peek()
            if following is not None and following.kind == "lparen":
                return self.parse_call(token.value)
            if token.value in {"div", "mod"}:
                raise UnsupportedExpression(f"{token.value} (arithmetic)")
            raise UnsupportedExpression(f"{token.value} (paths)")
        raise MalformedExpression(token.value)

    def parse_call(self, name: str):
        if name not in FUNCTIONS:
            raise UnsupportedExpression(f"{name}()")
        self.expect("lparen")
        arguments = []
        if self.peek() is not None and self.peek().kind != "rparen":
            arguments.append(self.parse_or())
            while self.peek() is not None and self.peek().kind == "comma":
                self.index += 1
                arguments.append(self.parse_or())
        self.expect("rparen")
        if len(arguments) != FUNCTIONS[name]:
            raise MalformedExpression(f"{name}()")
        return ("call", name, *arguments)


def parse(text: str):
    """The expression's tree; raises ``ExpressionError`` (with ``feature``) outside the subset."""
    return Parser(text).parse()


def references(tree) -> set[str]:
    """The ${field} names an expression reads."""
    if tree[0] == "ref":
        return {tree[1]}
    found = set()
    for part in tree[1:]:
        if isinstance(part, tuple):
            found |= references(part)
    return found


# --- Evaluation (XPath 1.0 conversions, as ODK applies them) -----------------------------------

def as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def as_number(value) -> float:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(as_text(value).strip())
    except ValueError:
        return float("nan")


def as_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value == value and value != 0
    return as_text(value) != ""


def _compare(op: str, left, right) -> bool:
    if op in {"=", "!="}:
        if isinstance(left, bool) or isinstance(right, bool):
            equal = as_bool(left) == as_bool(right)
        elif isinstance(left, (int, float)) or isinstance(right, (int, float)):
            equal = as_number(left) == as_number(right)
        else:
            equal = as_text(left) == as_text(right)
        return equal if op == "=" else not equal
    a, b = as_number(left), as_number(right)
    if a != a or b != b:  # not numbers: ISO dates ('2024-05-01') compare as text; empty answers never match
        a, b = as_text(left), as_text(right)
        if a == "" or b == "":
            return False
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]


def _value(answer):
    """An answer as the expression sees it: numbers stay numbers, lists become 'a b c', None is ''."""
    if answer is None:
        return ""
    if isinstance(answer, bool):
        return answer
    if isinstance(answer, (int, float)):
        return float(answer)
    return as_text(answer)


def evaluate(tree, answers: dict, current=None):
    kind = tree[0]
    if kind == "lit":
        return tree[1]
    if kind == "ref":
        return _value(answers.get(tree[1]))
    if kind == "dot":
        return _value(current)
    if kind == "or":
        return as_bool(evaluate(tree[1], answers, current)) or as_bool(evaluate(tree[2], answers, current))
    if kind == "and":
        return as_bool(evaluate(tree[1], answers, current)) and as_bool(evaluate(tree[2], answers, current))
    if kind == "cmp":
        return _compare(tree[1], evaluate(tree[2], answers, current), evaluate(tree[3], answers, current))
    if kind == "call":
        name, arguments = tree[1], [evaluate(a, answers, current) for a in tree[2:]]
        if name == "not":
            return not as_bool(arguments[0])
        if name == "selected":
            return as_text(arguments[1]) in as_text(arguments[0]).split()
        if name == "count-selected":
            return float(len(as_text(arguments[0]).split()))
    raise MalformedExpression(str(kind))  # pragma: no cover - parse() builds only the kinds above


def is_true(text: str, answers: dict, current=None) -> bool:
    """Evaluate ``text`` as a condition; an empty expression is true."""
    if not (text or "").strip():
        return True
    return as_bool(evaluate(parse(text), answers, current))
