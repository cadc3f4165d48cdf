import Docstrings

/// A cross-reference in the docstring names nothing the project, the module's imports or Python
/// defines.
///
/// **Why it matters:** a `:func:` role or a `See Also` entry sends the reader somewhere; after a
/// rename it sends them nowhere, and Sphinx renders it as plain text without a warning unless
/// nitpicky. The rule judges Sphinx roles of the Python domain (`:func:`, `:meth:`, `:class:`,
/// `:exc:`, `:attr:`, `:data:`, `:obj:`, `:const:`, `:mod:`, with or without `py:`) and `See Also`
/// entries, outside `.. versionchanged::`/`.. deprecated::` blocks (which speak of what was). An
/// unqualified name resolves when the run defines it anywhere (a function, class,
/// method, class attribute, module-level name or module), the module binds it (an import or an
/// assignment; a star import — the module's, or its package's, as `scipy.special` star-imports its
/// compiled ufuncs — resolves everything), it is a builtin, a builtin type's method (`update`) or a
/// parameter. A qualified name
/// (and a `:mod:` target) is judged only when it starts inside the project (a package, top-level module or class of the
/// run) — `numpy.ndarray` is someone else's to resolve — and then its last part must be defined in
/// the run (or come through a module's star import). `:data:` and `:const:` with an unqualified
/// name are not judged: Sphinx pages declare such data (configuration keys) as often as code does. Plain backticks are not judged: in Google- and Markdown-minded docstrings they quote
/// code (`True`, `x > 0`, a shell command) as often as they name an object.
///
/// **Example:** `See Also: load_config` after `load_config` was renamed `read_config`.
struct UnresolvedReference: Rule {
    static let code = "DH112"
    static let name = "unresolved-reference"
    static let dimension = Dimension.completeness
    static let examples: [RuleExample] = [
        .bad("def read_config(path):\n    \"\"\"Read the settings.\n\n    Args:\n        path: Where they are.\n\n    Returns:\n        dict: The settings.\n\n    See Also:\n    ↓    load_config: The same for a folder.\n    \"\"\"\n    return {}\n",
             message: "`load_config` (See Also) names nothing in the project, the module's imports or Python's builtins; correct the name or remove the reference"),
        .bad("class Reader:\n    \"\"\"Read records.\"\"\"\n\n    def read(self):\n        \"\"\"Read one record.\n\n        ↓Call :meth:`Reader.open` first.\n        \"\"\"\n",
             message: "`Reader.open` (:meth:) names nothing in the project, the module's imports or Python's builtins; correct the name or remove the reference"),
        .good("import json\n\n\ndef dump(value):\n    \"\"\"Write a value as :func:`json.dumps` does, see :class:`Writer` and :exc:`ValueError`.\"\"\"\n\n\nclass Writer:\n    \"\"\"Write values.\"\"\"\n"),
        .good("def dump(value):\n    \"\"\"Write a value like :func:`numpy.save` and :py:func:`~pandas.to_csv`.\"\"\"\n"),
        .bad("def load(path):\n    \"\"\"Read a graph.\n\n    Parameters\n    ----------\n    path : str\n        Where it is.\n\n    See Also\n    --------\n    save : Write one.\n    ↓↓load_all, save_all\n        Many at once.\n    \"\"\"\n\n\ndef save(graph, path):\n    \"\"\"Write a graph.\"\"\"\n\n\ndef load_many(paths):\n    \"\"\"Read graphs.\"\"\"\n", style: .numpy,
             messages: ["`load_all` (See Also) names nothing in the project, the module's imports or Python's builtins; correct the name or remove the reference",
                        "`save_all` (See Also) names nothing in the project, the module's imports or Python's builtins; correct the name or remove the reference"]),
        .good("def headers(environ):\n    \"\"\"Read the headers.\n\n    .. versionchanged:: 0.9\n       The :meth:`linked` function was removed.\n    \"\"\"\n"),
        .good("class Config(dict):\n    \"\"\"Settings, filled like :meth:`update` fills a dict.\"\"\"\n"),
        .good("from .sockets import *\n\n\ndef reuse(sock):\n    \"\"\"Set :data:`SO_REUSEPORT` on a socket.\"\"\"\n"),
    ]

    /// Python's builtins (and the dunder names every module and object has).
    static let builtins: Set<String> = Set("""
        ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError BrokenPipeError \
        BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError \
        ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError Exception \
        ExceptionGroup False FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError \
        ImportError ImportWarning IndentationError IndexError InterruptedError IsADirectoryError KeyError \
        KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError None NotADirectoryError NotImplemented \
        NotImplementedError OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError \
        PythonFinalizationError RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning \
        StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError True \
        TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError \
        UnicodeWarning UserWarning ValueError Warning ZeroDivisionError abs aiter all anext any ascii bin bool \
        breakpoint bytearray bytes callable chr classmethod compile complex copyright credits delattr dict dir divmod \
        enumerate eval exec exit filter float format frozenset getattr globals hasattr hash help hex id input int \
        isinstance issubclass iter len license list locals map max memoryview min next object oct open ord pow print \
        property quit range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    /// The public methods and attributes of the builtin types (`:meth:`update`` in a `dict`
    /// subclass's docstring is `dict.update`).
    static let builtinMembers: Set<String> = Set("""
        add add_note append args as_integer_ratio bit_count bit_length c_contiguous capitalize casefold cast center \
        clear conjugate contiguous copy count decode deleter denominator difference difference_update discard encode \
        endswith expandtabs extend f_contiguous fdel fget find format format_map from_bytes fromhex fromkeys fset get \
        getter hex imag index indices insert intersection intersection_update is_integer isalnum isalpha isascii \
        isdecimal isdigit isdisjoint isidentifier islower isnumeric isprintable isspace issubset issuperset istitle \
        isupper items itemsize join keys ljust lower lstrip maketrans mro nbytes ndim numerator obj partition pop \
        popitem readonly real release remove removeprefix removesuffix replace reverse rfind rindex rjust rpartition \
        rsplit rstrip setdefault setter shape sort split splitlines start startswith step stop strides strip \
        suboffsets swapcase symmetric_difference symmetric_difference_update title to_bytes tobytes tolist \
        toreadonly translate union update upper values with_traceback zfill
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    func check(_ context: SymbolContext) -> [Violation] {
        guard let raw = context.rawDocstring, let docstring = context.docstring, let scope = context.references,
              raw.containsBytes(":`") || docstring.sections.contains(where: { $0.kind == .seeAlso }) else { return [] }
        let parameters = Set(context.symbol.parameters.map(\.name))
        var reported: Set<String> = []
        return DocstringReference.find(in: raw, docstring: docstring).compactMap { reference in
            guard !resolves(reference.target, kind: reference.kind, scope: scope, parameters: parameters), reported.insert(reference.target).inserted else { return nil }
            let kind = reference.kind == "see also" ? "See Also" : ":\(reference.kind):"
            return Violation(line: context.line(reference.line),
                             message: "`\(reference.target)` (\(kind)) names nothing in the project, the module's imports or Python's builtins; correct the name or remove the reference",
                             subject: reference.target, penalty: 0.1)
        }
    }

    func resolves(_ target: String, kind: String, scope: ReferenceScope, parameters: Set<String>) -> Bool {
        let parts = target.split(separator: ".").map(String.init)
        guard let first = parts.first, let last = parts.last else { return true }
        // Data named alone (`:data:`SERVER_NAME``) is as often declared in the Sphinx pages
        // (Flask's configuration keys, `sys.stderr`) as in code: not judged.
        if parts.count == 1, kind == "data" || kind == "const" { return true }
        // A module named alone (`:mod:`cProfile``) is the project's only when it is one of its own.
        if parts.count == 1, kind != "mod" {
            return scope.project.names.contains(first) || scope.module.contains(first) || scope.module.contains("*")
                || scope.packageStarImports || Self.builtins.contains(first) || Self.builtinMembers.contains(first)
                || parameters.contains(first) || first.hasPrefix("__")
        }
        // Only a name that starts inside the project is the project's to resolve.
        guard scope.project.roots.contains(first) else { return true }
        return scope.project.names.contains(last) || last.hasPrefix("__")
            || parts.dropLast().contains { scope.project.starImporters.contains($0) }
    }
}
