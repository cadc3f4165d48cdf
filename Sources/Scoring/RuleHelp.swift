// Generated from the doc comments in Sources/Scoring/Rules/ by `make docs`; do not edit.
// RulesReferenceTests fails when it is stale.

/// Each rule's doc comment (what it checks, why it matters, an example), by code.
enum RuleHelp {
    static let text: [String: String] = [
        "DH010": #"""
            Part of a docstring could not be parsed in any style.

            **Why it matters:** a section DocHarness cannot read is a section Sphinx, IDEs and other
            checkers cannot read either, and every completeness check on it would silently pass.

            **Example:** an `Args:` section whose entry is a sentence instead of `name: description`.
            """#,
        "DH100": #"""
            A public module, class, function or method has no docstring.

            **Why it matters:** a symbol without a docstring makes every reader rebuild its contract from
            the code; coverage (the share of symbols that have one) is the first number teams gate on.
            Which symbols count is set by interrogate's options in `[tool.docharness.coverage]`.

            **Example:** `def area(width, height): return width * height` with no docstring.
            """#,
        "DH101": #"""
            A parameter of the signature is not in the docstring.

            **Why it matters:** the parameters are the contract; an undocumented one is the first thing a
            caller has to look up in the code. `*args`/`**kwargs` count unless
            `rules.document-variadic-parameters = false`; `self` and `cls` of a method (or of a
            function defined inside a function, as `namedtuple` defines `__repr__`) and `_` never do; a
            module-level function's `self` is a parameter like any other. `**kwargs` is
            documented when the docstring documents the keywords it accepts (names not in the signature).
            An entry that is a template placeholder, filled in at import time (`$META` in dask,
            `{{base_optimizer_keyword_args}}` in Keras), documents the parameter of that name, or when it
            names none, may document any: the rule then says nothing.
            A constructor's parameters may be documented in the class docstring or in `__init__`'s
            (pydoclint's `--allow-init-docstring`); when only the class docstring has entries, the finding
            is the class's.

            **Example:** `def move(x, y):` whose `Args:` lists only `x`.
            """#,
        "DH102": #"""
            The docstring documents a parameter the signature does not have.

            **Why it matters:** a renamed or removed parameter left in the docstring is documentation that
            lies; it is the most common kind of drift between code and docs. A function taking `**kwargs`
            may document the keywords it accepts (`requests.request` documents `params`, `data`, … with
            `:param:`), so for such a function a documented name that is not in the signature is read as
            one of those keywords, not as a stale parameter — unless the body reads keywords from
            `kwargs` only by literal key (`kwargs.get("timeout")`) and never this one.

            A class docstring that documents its constructor's parameters (and `__init__`'s docstring
            does not) is checked against `__init__`'s signature. A property getter's docstring may
            document the parameters of what the property returns when that is called, and is left alone.

            **Example:** `def move(x, y):` whose docstring still documents `z`.
            """#,
        "DH103": #"""
            Parameters are documented in a different order than the signature.

            **Why it matters:** readers match the docstring against the call site; a different order makes
            them search, and often hides a parameter that was renamed.

            **Example:** `def move(x, y):` documenting `y` before `x`.
            """#,
        "DH104": #"""
            A function returns a value but the docstring does not document it.

            **Why it matters:** the return value is half of a function's contract; callers need its type
            and meaning. Properties are exempt (their summary describes the value), and so is a
            `-> None` annotation, and a docstring with a `Yields` section (it documents the iterator the
            function returns, as `return super().split(X)` does).

            **Example:** `def area(w, h): return w * h` with `Args:` but no `Returns:`.
            """#,
        "DH105": #"""
            A generator's docstring does not document what it yields.

            **Why it matters:** a generator's items are its output; `Returns:` describes the generator
            object, not what iterating it produces.

            **Example:** `def lines(path): yield from open(path)` with no `Yields:` section.
            """#,
        "DH106": #"""
            An exception the function raises is not documented.

            **Why it matters:** callers can only handle what they know about. A bare `raise` inside
            `except KeyError:` counts as raising `KeyError`. `NotImplementedError` is exempt in abstract
            methods and in methods that raise nothing else (the abstract-method convention).

            **Example:** `if n < 0: raise ValueError("negative")` with no `Raises:` entry for `ValueError`.
            """#,
        "DH107": #"""
            A public class attribute is missing from a structured class docstring.

            **Why it matters:** class attributes are part of a class's interface; Google and NumPy have an
            `Attributes` section and Sphinx has `:ivar:`/`:cvar:` for them. The rule applies when the class
            docstring documents attributes at all (an `Attributes` section, `:ivar:`/`:cvar:` fields): a
            docstring that documents only the constructor's parameters has not taken on the attributes, and
            a summary-only docstring is judged by DH400. Entries under `Args:`/`:param` count as
            documenting the attribute of the same name (a dataclass's fields are its parameters).

            **Example:** `class Config:` with `timeout = 30` and an `Attributes:` section that omits it.
            """#,
        "DH108": #"""
            The docstring documents a return value or yielded items the function does not produce.

            **Why it matters:** a `Returns:` section on a function that returns nothing tells callers to
            use a value that is always `None`. Abstract methods and methods that only raise
            `NotImplementedError` are exempt: they document what implementations return. A `Yields:`
            section is stale on a function that does not yield, unless its annotation says it returns an
            iterator (`-> Iterator[int]`): such a function is documented by what it yields as often as by
            what it returns. Without an annotation the rule cannot tell `return _walk(graph)` from
            `return 3.14 * r * r` and flags both.

            **Example:** `def log(msg): print(msg)` documenting `Returns: bool`.
            """#,
        "DH109": #"""
            The docstring documents exceptions but the function raises none.

            **Why it matters:** a `Raises:` section on code that no longer raises sends callers to handle
            errors that cannot happen. The rule fires only when the body has no `raise` at all and calls
            nothing but functions of the checked files that raise nothing themselves (followed three calls
            deep, by name: `helper()`, `self.helper()`): any other call — a builtin, a library, a method of
            another object — may raise what is documented, and so may a nested function it returns (a
            decorator factory) or a property setter run by `self.x = …`.

            **Example:** `def name(self): return self._name` documenting `Raises: KeyError`.
            """#,
        "DH110": #"""
            A parameter's documented default differs from the default in the signature.

            **Why it matters:** "Defaults to 10." on a parameter whose default became 30 is a claim the code
            contradicts; callers who rely on it get another behaviour. The rule reads the default a
            description or a NumPy type states — "defaults to X", "default: X", "default is X",
            "(default X)", "default=X", opening a sentence, a parenthesis or a clause (not "the server's
            default is 60") — and compares it with the signature's when both are literals
            (numbers, quoted strings, `True`, `False`, `None`): `10` equals `10.0` and `1e1`, `'utf-8'`
            equals "utf-8", a documented `"\\n"` (reST's spelling) equals `"\n"`, and backticks or quotes
            around the documented value are ignored. A signature default of `None` or any expression (a
            constant, a call) is not compared: the function often computes the real default ("Defaults to
            30 seconds" for `timeout=None`).

            **Example:** `def wait(timeout=30):` documenting `timeout: Seconds to wait. Defaults to 10.`
            """#,
        "DH111": #"""
            A parameter's documented type contradicts its annotation.

            **Why it matters:** `timeout (str)` over `timeout: float` tells a caller to pass the wrong kind
            of value; one of the two was not updated when the other changed. The rule compares only what it
            can compare without guessing: the documented type and the annotation must each name only
            built-in kinds — `str`, `bytes`, numbers (`int`, `float`, `complex`, `bool`, one family: an
            `int` is a valid `float`), sequences (`list`, `tuple`, `set`, `frozenset`, one family: prose
            says "list" for any of them), `dict` — with `None`, "optional", "or", "of" and `typing`'s
            spellings (`List[str]`, `Optional[int]`, `Dict`) read as such, and share none of them.
            A class, a protocol, `Any`, "array-like", "callable" or "path" on either side is not compared.

            **Example:** `def wait(timeout: float):` documenting `timeout (str): Seconds to wait.`
            """#,
        "DH112": #"""
            A cross-reference in the docstring names nothing the project, the module's imports or Python
            defines.

            **Why it matters:** a `:func:` role or a `See Also` entry sends the reader somewhere; after a
            rename it sends them nowhere, and Sphinx renders it as plain text without a warning unless
            nitpicky. The rule judges Sphinx roles of the Python domain (`:func:`, `:meth:`, `:class:`,
            `:exc:`, `:attr:`, `:data:`, `:obj:`, `:const:`, `:mod:`, with or without `py:`) and `See Also`
            entries, outside `.. versionchanged::`/`.. deprecated::` blocks (which speak of what was). An
            unqualified name resolves when the run defines it anywhere (a function, class,
            method, class attribute, module-level name or module), the module binds it (an import or an
            assignment; a star import — the module's, or its package's, as `scipy.special` star-imports its
            compiled ufuncs — resolves everything), it is a builtin, a builtin type's method (`update`) or a
            parameter. A qualified name
            (and a `:mod:` target) is judged only when it starts inside the project (a package, top-level module or class of the
            run) — `numpy.ndarray` is someone else's to resolve — and then its last part must be defined in
            the run (or come through a module's star import). `:data:` and `:const:` with an unqualified
            name are not judged: Sphinx pages declare such data (configuration keys) as often as code does. Plain backticks are not judged: in Google- and Markdown-minded docstrings they quote
            code (`True`, `x > 0`, a shell command) as often as they name an object.

            **Example:** `See Also: load_config` after `load_config` was renamed `read_config`.
            """#,
        "DH200": #"""
            The docstring has no summary line.

            **Why it matters:** the summary is what `help()`, IDE tooltips and API indexes show; a
            docstring that is blank or starts with a section shows nothing useful there.

            **Example:** a docstring that begins directly with `Args:`.
            """#,
        "DH201": #"""
            The summary runs over more than one line.

            **Why it matters:** tools show the first line only (PEP 257: "a summary line"); a sentence
            wrapped onto a second line is cut in half in every listing. A reST title over its underline
            (`Tagged JSON` over `~~~~~~~~~~~`), or between an overline and an underline, is one line and
            is left alone.

            **Example:** `"""Compute the thing\n    for the caller."""`.
            """#,
        "DH202": #"""
            The summary does not end with a period, question mark or exclamation mark.

            **Why it matters:** the summary is a sentence (PEP 257); a missing period usually means it
            was cut short or is a fragment. A reST title (a line over its underline, as a module
            docstring may start) is not a sentence and is left alone.

            **Example:** `"""Return the user"""`.
            """#,
        "DH203": #"""
            A function's summary does not start with a verb in the imperative mood.

            **Why it matters:** PEP 257 asks for "Return the path", not "Returns the path": it reads as a
            command to the function and keeps every summary in one voice. Properties are exempt, since
            they describe a value. Google-style projects are exempt too: the Google style guide allows
            descriptive summaries ("Fetches rows…"), and ruff and pydocstyle turn D401 off for it. Extra
            verbs can be added with `rules.imperative-verbs`.

            **Example:** `"""Returns the path."""`, `"""Getting the path."""`.
            """#,
        "DH204": #"""
            The summary only repeats the symbol's name.

            **Why it matters:** `get_user` → "Get user." tells the reader nothing the name did not; the
            summary should say what the name cannot (which user, from where, what happens if absent).

            A leading empty verb ("Handle", "Process", "Perform") does not make a restatement say more.

            **Example:** `def get_user(): """Get the user."""`.
            """#,
        "DH205": #"""
            The docstring contains placeholder text from a template or a note left for later.

            **Why it matters:** IDE templates (`_summary_`, `[description]`, `Description of x`) and
            `TODO`/`FIXME` markers look like documentation to a coverage counter but say nothing; they are
            the first thing a generated or rushed docstring leaves behind.

            **Example:** `"""_summary_\n\n    Args:\n        x (_type_): _description_\n    """`.
            """#,
        "DH206": #"""
            A documented parameter has no description, or one that only repeats its name.

            **Why it matters:** `x: x` or a bare `:param x:` passes every presence check and helps no one;
            it is what an IDE template or a hurried fix leaves behind.

            **Example:** `Args:\n    path: path`.
            """#,
        "DH207": #"""
            The docstring's prose scores below the minimum Flesch reading ease.

            **Why it matters:** long sentences of long words are where readers give up. The Flesch reading
            ease (206.835 − 1.015 × words per sentence − 84.6 × syllables per word) is computed on the
            summary and description with code spans, doctests, reST roles, literal blocks (after `::`) and
            URLs removed, only when there are
            at least `rules.readability-minimum-words` words; the minimum is `rules.minimum-reading-ease`
            (30, "difficult", by default).

            **Example:** one 60-word sentence of polysyllabic jargon.
            """#,
        "DH208": #"""
            A parameter, attribute or return description says nothing beyond the name and type it describes.

            **Why it matters:** "A value.", "The result.", "The points to use." or "The `x` parameter." pass
            every presence check and tell the reader nothing; it is what a model writes when it has nothing
            to say. The rule measures content instead of listing phrases: it takes the description's words,
            removes the entry's name, its documented type and the annotation, articles and other function
            words, and a short list of empty nouns and verbs ("value", "result", "object", "use",
            "given"…) — and words naming the entry's kind ("parameter", "argument", "function") unless
            the description says whose it is ("Name of the parameter."); a description with no word left
            and no code span other than the name says nothing. Descriptions that DH206 already reports
            (empty, or only the name) are left to it.

            **Example:** `Args:\n    amount: A value.`.
            """#,
        "DH209": #"""
            A parameter or attribute description is the same as another entry's, or as the summary.

            **Why it matters:** `source: The account.` and `target: The account.` say the two are the same
            thing; a description copied from the summary says what the function does, not what the
            parameter is. Either is what a template or a model fills in when it has nothing specific to say.
            Descriptions are compared by their text (case, spacing and the final period aside); the first
            of a repeated group is left alone, and so are references ("Same as …", "See …"). A repeated
            content-free description ("A value." on every parameter) is reported here too; empty and
            name-only ones are DH206's.

            **Example:** `Args:\n    source: The account to use.\n    target: The account to use.`.
            """#,
        "DH300": #"""
            The docstring is written in a different style from the project's.

            **Why it matters:** one style per project is what Sphinx extensions, IDEs and readers expect;
            napoleon cannot read NumPy sections configured for Google and vice versa. The project style
            is `style` in the configuration, or the style most docstrings in the checked files use.

            **Example:** a NumPy `Parameters` section in a Google-style project.
            """#,
        "DH301": #"""
            One docstring mixes sections of different styles.

            **Why it matters:** a parser reads one style per docstring; the sections in the other style are
            rendered as prose and escape every check, which is how `:returns:` fields end up under an
            `Args:` block unnoticed.

            **Example:** Google `Args:` followed by Sphinx `:returns:`.
            """#,
        "DH302": #"""
            A section header is not spelled the way its style defines it.

            **Why it matters:** napoleon and numpydoc recognise a fixed set of headers; `Return:` or an
            underline shorter than its header is rendered as prose by some tools and silently accepted by
            others. Consistent spelling also makes docstrings greppable.

            **Example:** `Arguments:` in Google style (write `Args:`), `Parameters` over `-----` or over
            `==========` (numpydoc reads `=` too, its guide writes dashes).
            """#,
        "DH303": #"""
            Sections appear in a different order than the style's guide gives.

            **Why it matters:** readers look for `Returns` after `Parameters` and `Raises` after both;
            numpydoc's guide fixes the full order, the Google guide the order of Args, Returns/Yields and
            Raises.

            **Example:** `Returns` before `Parameters` in a NumPy docstring.
            """#,
        "DH304": #"""
            The summary is not followed by a blank line.

            **Why it matters:** PEP 257 separates the summary from the rest with one blank line; tools that
            extract the summary (Sphinx autosummary, `pydoc`) otherwise run the next line into it.

            **Example:** `"""Scale.\n    Args:\n        x: Factor.\n    """`.
            """#,
        "DH305": #"""
            Docstring lines are indented less, or all more, than the opening quotes.

            **Why it matters:** `inspect.cleandoc` and every renderer dedent by the common indentation;
            an under-indented line breaks that and an over-indented body shows up as a block quote
            (pydocstyle D207/D208).

            **Example:** a continuation line starting at column 0 inside an indented method.
            """#,
        "DH306": #"""
            The closing quotes are misplaced: after text in a multi-line docstring, or on their own line
            in a one-line docstring.

            **Why it matters:** PEP 257 puts the closing quotes of a multi-line docstring on a line by
            themselves and keeps a one-line docstring on one line (pydocstyle D209/D200); both keep
            diffs small and the layout predictable.

            **Example:** `"""Scale.\n\n    Details."""`.
            """#,
        "DH400": #"""
            The docstring is too brief for the function's complexity and signature.

            **Why it matters:** a function with many branches or parameters has more behaviour to explain;
            a one-line docstring on it is a coverage tick, not documentation. The expected detail is
            `E = wordsPerParameter × parameters + wordsPerDecision × (complexity − 1) − freeWords`
            words after the summary (defaults 10, 8 and 20), so a small function (complexity ≤ 3 with
            one parameter, or no branches and two parameters) needs nothing beyond its summary. The
            score is `100 × min(1, W / E)` where `W` counts words of the description and sections, with
            code spans removed — entries a parser could not read (a NumPy description not indented under
            its entry) included: a reader still reads them.

            **Example:** a 12-branch function whose docstring is "Process the data."
            """#,
    ]
}
