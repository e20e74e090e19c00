// Assessments: show/hide questions by their XLSForm `relevant` expression (the before/after chart is
// drawn by static/madani/charts.js). The expression language is the small subset of madani/assessments/xpath.py (madani/assessments/README.md);
// the server applies the same rules again on submit, so this file only makes the form pleasanter.
(function () {
  "use strict";

  // --- tokenizer + recursive-descent parser (mirrors xpath.py) -----------------------------------
  var TOKEN = /\s*(?:(\$\{[^}]*\})|(\d+(?:\.\d+)?|\.\d+)|('[^']*'|"[^"]*")|(!=|<=|>=|=|<|>)|(\.(?![\w.]))|(\()|(\))|(,)|([A-Za-z_][\w.-]*)|(-)|(\S))/y;
  var KINDS = ["ref", "number", "string", "op", "dot", "lparen", "rparen", "comma", "name", "minus", "other"];

  function tokenize(text) {
    var tokens = [], m;
    TOKEN.lastIndex = 0;
    while (TOKEN.lastIndex < text.length && text.slice(TOKEN.lastIndex).trim() !== "") {
      m = TOKEN.exec(text);
      if (!m) { throw new Error("syntax"); }
      for (var i = 1; i < m.length; i++) {
        if (m[i] !== undefined) {
          var kind = KINDS[i - 1], value = m[i];
          if (kind === "other") { throw new Error("unsupported"); }
          if (kind === "ref") { value = value.slice(2, -1).trim(); }
          if (kind === "string") { value = value.slice(1, -1); }
          tokens.push({ kind: kind, value: value });
          break;
        }
      }
    }
    return tokens;
  }

  function parse(text) {
    var tokens = tokenize(text), i = 0;
    function peek() { return tokens[i]; }
    function take() { if (i >= tokens.length) { throw new Error("end"); } return tokens[i++]; }
    function keyword(word) {
      if (peek() && peek().kind === "name" && peek().value === word) { i++; return true; }
      return false;
    }
    function or() { var n = and(); while (keyword("or")) { n = ["or", n, and()]; } return n; }
    function and() { var n = cmp(); while (keyword("and")) { n = ["and", n, cmp()]; } return n; }
    function cmp() {
      var n = primary();
      if (peek() && peek().kind === "op") { var op = take().value; n = ["cmp", op, n, primary()]; }
      return n;
    }
    function primary() {
      var t = take();
      if (t.kind === "number") { return ["lit", parseFloat(t.value)]; }
      if (t.kind === "minus") { return ["lit", -parseFloat(take().value)]; }
      if (t.kind === "string") { return ["lit", t.value]; }
      if (t.kind === "ref") { return ["ref", t.value]; }
      if (t.kind === "dot") { return ["dot"]; }
      if (t.kind === "lparen") { var n = or(); take(); return n; }
      if (t.kind === "name" && peek() && peek().kind === "lparen") {
        take();
        var args = [];
        if (peek() && peek().kind !== "rparen") {
          args.push(or());
          while (peek() && peek().kind === "comma") { take(); args.push(or()); }
        }
        take();
        return ["call", t.value].concat(args);
      }
      throw new Error("unsupported");
    }
    var tree = or();
    if (i !== tokens.length) { throw new Error("trailing"); }
    return tree;
  }

  function text(v) {
    if (v === null || v === undefined) { return ""; }
    if (typeof v === "boolean") { return v ? "true" : "false"; }
    if (Array.isArray(v)) { return v.join(" "); }
    return String(v);
  }
  function num(v) {
    if (typeof v === "boolean") { return v ? 1 : 0; }
    if (typeof v === "number") { return v; }
    var s = text(v).trim();
    return s === "" ? NaN : Number(s);
  }
  function bool(v) {
    if (typeof v === "boolean") { return v; }
    if (typeof v === "number") { return v === v && v !== 0; }
    return text(v) !== "";
  }
  function compare(op, a, b) {
    if (op === "=" || op === "!=") {
      var eq;
      if (typeof a === "boolean" || typeof b === "boolean") { eq = bool(a) === bool(b); }
      else if (typeof a === "number" || typeof b === "number") { eq = num(a) === num(b); }
      else { eq = text(a) === text(b); }
      return op === "=" ? eq : !eq;
    }
    var x = num(a), y = num(b);
    if (isNaN(x) || isNaN(y)) {
      x = text(a); y = text(b);
      if (x === "" || y === "") { return false; }
    }
    return { "<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y }[op];
  }

  function evaluate(node, values) {
    switch (node[0]) {
      case "lit": return node[1];
      case "ref": return values(node[1]);
      case "dot": return "";
      case "or": return bool(evaluate(node[1], values)) || bool(evaluate(node[2], values));
      case "and": return bool(evaluate(node[1], values)) && bool(evaluate(node[2], values));
      case "cmp": return compare(node[1], evaluate(node[2], values), evaluate(node[3], values));
      case "call":
        var args = node.slice(2).map(function (a) { return evaluate(a, values); });
        if (node[1] === "not") { return !bool(args[0]); }
        if (node[1] === "selected") { return text(args[0]).split(/\s+/).indexOf(text(args[1])) !== -1; }
        if (node[1] === "count-selected") { var s = text(args[0]).trim(); return s === "" ? 0 : s.split(/\s+/).length; }
    }
    throw new Error("unsupported");
  }

  // --- the form ---------------------------------------------------------------------------------
  function answer(form, name) {
    var wrapper = form.querySelector('[data-question="' + name + '"]');
    if (!wrapper || wrapper.hidden) { return ""; }
    var inputs = form.querySelectorAll('[name="q_' + name + '"]');
    var chosen = [];
    inputs.forEach(function (input) {
      if (input.type === "radio" || input.type === "checkbox") {
        if (input.checked) { chosen.push(input.value); }
      } else {
        chosen.push(input.value.trim());
      }
    });
    var value = chosen.join(" ");
    if (inputs.length && inputs[0].type === "number" && value !== "") { return Number(value); }
    return value;
  }

  function refresh(form) {
    form.querySelectorAll("[data-relevant]").forEach(function (element) {
      var shown = true;
      try {
        shown = bool(evaluate(parse(element.getAttribute("data-relevant")), function (name) { return answer(form, name); }));
      } catch (error) {
        shown = true; // the server decides; never hide a question we cannot evaluate
      }
      element.hidden = !shown;
    });
  }

  document.querySelectorAll("[data-assessment-form]").forEach(function (form) {
    refresh(form);
    form.addEventListener("input", function () { refresh(form); });
    form.addEventListener("change", function () { refresh(form); });
  });
})();
