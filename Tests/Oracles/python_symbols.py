"""Oracle for `docharness symbols`: the same listing, computed with CPython's `ast` and PyCQA `mccabe`.

Usage:
    python_symbols.py [--list FILE] [PATH ...]          print the listing JSON
    python_symbols.py --compare DOCHARNESS.json PATH... compare a docharness listing with the oracle

The listing has the shape of `docharness symbols --format json`. `complexity` is given only where
mccabe reports one (top-level graphs: module-level functions and methods of module-level classes);
elsewhere it is null and the comparison skips it.
"""

import argparse
import ast
import io
import json
import sys
import tokenize

import mccabe


class _RecordingVisitor(mccabe.PathGraphingAstVisitor):
    """mccabe's own visitor, recording each top-level graph by the position of its def.

    mccabe keys graphs by name, so a second `def` of the same name (a property setter, an
    overload) replaces the first; recording by line keeps every one.
    """

    def __init__(self):
        super().__init__()
        self.by_position = {}

    def visitFunctionDef(self, node):
        top_level = self.graph is None
        super().visitFunctionDef(node)
        if top_level:
            graph = self.graphs["%s%s" % (self.classname, node.name)]
            self.by_position[(node.lineno, node.col_offset)] = graph.complexity()

    visitAsyncFunctionDef = visitFunctionDef


class _Segments:
    """`ast.get_source_segment`, with the source split into lines once instead of per call."""

    def __init__(self, source):
        self.lines = ast._splitlines_no_ff(source)

    def __call__(self, node):
        if getattr(node, "end_lineno", None) is None or getattr(node, "end_col_offset", None) is None:
            return None
        first, last = node.lineno - 1, node.end_lineno - 1
        if first == last:
            return self.lines[first].encode()[node.col_offset:node.end_col_offset].decode()
        head = self.lines[first].encode()[node.col_offset:].decode()
        tail = self.lines[last].encode()[:node.end_col_offset].decode()
        return "".join([head] + self.lines[first + 1:last] + [tail])


class _OwnScopeFacts(ast.NodeVisitor):
    """Returns, yields and raises of one function's own scope.

    Nested functions, lambdas and classes are their own scopes; their decorators, defaults,
    annotations and bases are evaluated in the enclosing scope and are visited.
    """

    def __init__(self, source):
        self.segment = source
        self.returns_value = False
        self.yields = False
        self.raises = []
        self.reraises = []
        self.handlers = []

    def visit_FunctionDef(self, node):
        for expr in node.decorator_list:
            self.visit(expr)
        self._visit_arguments(node.args)
        if node.returns is not None:
            self.visit(node.returns)

    visit_AsyncFunctionDef = visit_FunctionDef

    def _visit_arguments(self, args):
        for arg in args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg]:
            if arg is not None and arg.annotation is not None:
                self.visit(arg.annotation)
        for default in args.defaults + [d for d in args.kw_defaults if d is not None]:
            self.visit(default)

    def visit_Lambda(self, node):
        self._visit_arguments(node.args)

    def visit_ClassDef(self, node):
        for expr in node.decorator_list + node.bases + [k.value for k in node.keywords]:
            self.visit(expr)

    def visit_Return(self, node):
        value = node.value
        if value is not None and not (isinstance(value, ast.Constant) and value.value is None):
            self.returns_value = True
        self.generic_visit(node)

    def visit_Yield(self, node):
        self.yields = True
        self.generic_visit(node)

    visit_YieldFrom = visit_Yield

    def visit_ExceptHandler(self, node):
        self.handlers.append(None if node.type is None else self.segment(node.type))
        self.generic_visit(node)
        self.handlers.pop()

    def visit_Raise(self, node):
        if node.exc is None:
            self.reraises.append({"handler": self.handlers[-1] if self.handlers else None, "line": node.lineno})
        else:
            target = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            self.raises.append({"exception": self.segment(target), "line": node.lineno})
        self.generic_visit(node)


def _parameters(source, args):
    result = []
    positional = args.posonlyargs + args.args
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)

    def entry(arg, kind, default):
        return {
            "name": arg.arg,
            "kind": kind,
            "annotation": None if arg.annotation is None else source(arg.annotation),
            "default": None if default is None else source(default),
        }

    for index, arg in enumerate(positional):
        kind = "positional-only" if index < len(args.posonlyargs) else "positional-or-keyword"
        result.append(entry(arg, kind, defaults[index]))
    if args.vararg is not None:
        result.append(entry(args.vararg, "var-positional", None))
    for arg, default in zip(args.kwonlyargs, args.kw_defaults):
        result.append(entry(arg, "keyword-only", default))
    if args.kwarg is not None:
        result.append(entry(args.kwarg, "var-keyword", None))
    return result


def _docstring(node):
    if node.body and isinstance(node.body[0], ast.Expr):
        value = node.body[0].value
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            return ast.get_docstring(node, clean=False), node.body[0].lineno
    return None, None


def _symbol(kind, qualname, node, source, complexity):
    docstring, docstring_line = _docstring(node)
    symbol = {
        "kind": kind,
        "qualname": qualname,
        "line": node.lineno,
        "endLine": node.end_lineno,
        "docstring": docstring,
        "docstringLine": docstring_line,
        "parameters": [],
        "returns": None,
        "decorators": [source(d) for d in node.decorator_list],
        "bases": [],
        "isAsync": isinstance(node, ast.AsyncFunctionDef),
        "raises": [],
        "reraises": [],
        "returnsValue": False,
        "yields": False,
        "complexity": None,
    }
    if isinstance(node, ast.ClassDef):
        symbol["bases"] = [source(b) for b in node.bases] + [source(k) for k in node.keywords]
    else:
        symbol["parameters"] = _parameters(source, node.args)
        symbol["returns"] = None if node.returns is None else source(node.returns)
        facts = _OwnScopeFacts(source)
        for statement in node.body:
            facts.visit(statement)
        symbol["returnsValue"] = facts.returns_value
        symbol["yields"] = facts.yields
        symbol["raises"] = facts.raises
        symbol["reraises"] = facts.reraises
        symbol["complexity"] = complexity.get((node.lineno, node.col_offset))
    return symbol


def _walk(node, prefix, in_class, source, complexity, out):
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
            qualname = prefix + child.name
            out.append(_symbol("method" if in_class else "function", qualname, child, source, complexity))
            _walk(child, qualname + ".<locals>.", False, source, complexity, out)
        elif isinstance(child, ast.ClassDef):
            qualname = prefix + child.name
            out.append(_symbol("class", qualname, child, source, complexity))
            _walk(child, qualname + ".", True, source, complexity, out)
        elif isinstance(child, ast.Lambda):
            continue
        else:
            _walk(child, prefix, in_class, source, complexity, out)


def listing_for(path):
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
        tree = ast.parse(raw)
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
        source = io.TextIOWrapper(io.BytesIO(raw), encoding=encoding).read()
        if source.startswith("\ufeff"):
            source = source[1:]
    except (SyntaxError, ValueError, UnicodeDecodeError, LookupError) as error:
        return {"path": path, "symbols": [], "diagnostics": [{"code": "DH00x", "message": str(error), "line": 0, "column": 0}]}
    visitor = _RecordingVisitor()
    visitor.preorder(tree, visitor)
    module_doc, module_doc_line = _docstring(tree)
    source = _Segments(source)
    module = {
        "kind": "module", "qualname": "<module>", "line": 1,
        "endLine": max([s.end_lineno for s in tree.body], default=1),
        "docstring": module_doc, "docstringLine": module_doc_line, "parameters": [], "returns": None,
        "decorators": [], "bases": [], "isAsync": False, "raises": [], "reraises": [],
        "returnsValue": False, "yields": False, "complexity": None,
    }
    symbols = [module]
    _walk(tree, "", False, source, visitor.by_position, symbols)
    return {"path": path, "symbols": symbols, "diagnostics": []}


FIELDS = ["kind", "qualname", "line", "endLine", "docstring", "docstringLine", "parameters", "returns",
          "decorators", "bases", "isAsync", "raises", "reraises", "returnsValue", "yields", "complexity"]


def compare(ours_path, paths, show):
    with open(ours_path, encoding="utf-8") as handle:
        ours = {entry["path"]: entry for entry in json.load(handle)["files"]}
    counts = {"files": 0, "symbols": 0, "missing": 0, "extra": 0, "fieldsCompared": 0, "fieldMismatches": 0,
              "complexityCompared": 0, "rejectedFiles": 0, "rejectedAgree": 0}
    problems = []
    for path in paths:
        counts["files"] += 1
        expected = listing_for(path)
        actual = ours.get(path)
        if actual is None:
            problems.append(f"{path}: not in the docharness listing")
            continue
        if expected["diagnostics"]:
            counts["rejectedFiles"] += 1
            if actual["diagnostics"] and not actual["symbols"]:
                counts["rejectedAgree"] += 1
            else:
                problems.append(f"{path}: CPython rejects it ({expected['diagnostics'][0]['message']}) but docharness gave no diagnostic")
            continue
        if actual["diagnostics"]:
            d = actual["diagnostics"][0]
            problems.append(f"{path}:{d['line']}:{d['column']}: docharness rejected a file CPython parses: {d['message']}")
            counts["missing"] += len(expected["symbols"])
            continue
        key = lambda s: (s["line"], s["qualname"])
        theirs_by_key = {key(s): s for s in expected["symbols"]}
        ours_by_key = {key(s): s for s in actual["symbols"]}
        for k in theirs_by_key.keys() - ours_by_key.keys():
            counts["missing"] += 1
            problems.append(f"{path}:{k[0]}: missing symbol {k[1]}")
        for k in ours_by_key.keys() - theirs_by_key.keys():
            counts["extra"] += 1
            problems.append(f"{path}:{k[0]}: extra symbol {k[1]}")
        for k in theirs_by_key.keys() & ours_by_key.keys():
            counts["symbols"] += 1
            a, b = theirs_by_key[k], ours_by_key[k]
            for field in FIELDS:
                if field == "complexity" and a[field] is None:
                    continue
                counts["fieldsCompared"] += 1
                if field == "complexity":
                    counts["complexityCompared"] += 1
                if a[field] != b.get(field):
                    counts["fieldMismatches"] += 1
                    problems.append(f"{path}:{k[0]}: {k[1]}.{field}: CPython {json.dumps(a[field])[:300]} docharness {json.dumps(b.get(field))[:300]}")
    for line in problems[:show]:
        print(line)
    if len(problems) > show:
        print(f"... and {len(problems) - show} more")
    print("oracle: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    ok = not problems
    print(f"{counts['symbols'] if ok else 0} passed, {0 if ok else len(problems)} failed")
    return 0 if ok else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", help="file holding one path per line")
    parser.add_argument("--compare", help="docharness symbols JSON to compare with the oracle")
    parser.add_argument("--show", type=int, default=40, help="how many mismatches to print")
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args()
    paths = list(args.paths)
    if args.list:
        with open(args.list, encoding="utf-8") as handle:
            paths += [line.rstrip("\n") for line in handle if line.strip()]
    if args.compare:
        sys.exit(compare(args.compare, paths, args.show))
    json.dump({"files": [listing_for(p) for p in paths]}, sys.stdout)


if __name__ == "__main__":
    main()
