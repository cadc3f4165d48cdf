import Testing
@testable import Docstrings

@Suite struct DocstringParserTests {
    @Test func googleStyle() {
        let docstring = DocstringParser.parse("""
            Fetch rows from a table.

            Longer description that
            spans lines.

            Args:
                table (str): Name of the table.
                keys (Sequence[tuple(int, int)], optional): Keys to read,
                    continued here.
                *args: Passed through.

            Returns:
                dict: Mapping of key to row.

            Raises:
                KeyError: If a key is missing.
                IOError, OSError: On I/O failure.

            Example:
                >>> fetch("t")
            """)
        #expect(docstring.style == .google)
        #expect(docstring.styles == [.google])
        #expect(docstring.summary == DocstringText(text: "Fetch rows from a table.", line: 0))
        #expect(docstring.description?.text == "Longer description that\nspans lines.")
        #expect(docstring.description?.line == 2)
        #expect(docstring.parameters.map(\.name) == ["table", "keys", "*args"])
        #expect(docstring.parameters[1].type == "Sequence[tuple(int, int)], optional")
        #expect(docstring.parameters[1].description == "Keys to read,\ncontinued here.")
        #expect(docstring.parameters[1].line == 7)
        #expect(docstring.returns == [DocstringItem(name: nil, type: "dict", description: "Mapping of key to row.", line: 12, section: .returns)])
        #expect(docstring.raises.map(\.name) == ["KeyError", "IOError", "OSError"])
        #expect(docstring.examples.map(\.text) == [">>> fetch(\"t\")"])
        #expect(docstring.problems.isEmpty)
    }

    @Test func numpyStyle() {
        let docstring = DocstringParser.parse("""
            Compute the mean.

            Parameters
            ----------
            a : array_like
                Input data.
            axis, dtype : int, optional
                Axis and type.

            Returns
            -------
            mean : ndarray
                The mean.

            Raises
            ------
            ValueError
                When empty.
            """)
        #expect(docstring.style == .numpy)
        #expect(docstring.parameters.map(\.name) == ["a", "axis", "dtype"])
        #expect(docstring.parameters[0].type == "array_like")
        #expect(docstring.parameters[0].description == "Input data.")
        #expect(docstring.returns.first?.name == "mean")
        #expect(docstring.returns.first?.type == "ndarray")
        #expect(docstring.raises.map(\.name) == ["ValueError"])
        #expect(docstring.sections.map(\.underlineLength) == [10, 7, 6])
        #expect(docstring.problems.isEmpty)
    }

    /// numpydoc's own guide escapes the stars (`\*args`) so that reST does not read emphasis.
    @Test func escapedStarsNameVariadicParameters() {
        let docstring = DocstringParser.parse(#"""
            Add numbers.

            Parameters
            ----------
            \*args : int
                The numbers.
            \*\*kwargs : dict
                Ignored.
            """#)
        #expect(docstring.parameters.map(\.name) == [#"\*args"#, #"\*\*kwargs"#])
        #expect(docstring.problems.isEmpty)
    }

    @Test func sphinxStyle() {
        let docstring = DocstringParser.parse("""
            Send a message.

            :param str sender: The person sending.
            :param recipient: The recipient,
                on two lines.
            :type recipient: str
            :returns: The message id.
            :rtype: int
            :raises ValueError, TypeError: If the message is malformed.
            """)
        #expect(docstring.style == .sphinx)
        #expect(docstring.parameters.map(\.name) == ["sender", "recipient"])
        #expect(docstring.parameters.map(\.type) == ["str", "str"])
        #expect(docstring.parameters[1].description == "The recipient,\non two lines.")
        #expect(docstring.returns == [DocstringItem(name: nil, type: "int", description: "The message id.", line: 6, section: .returns)])
        #expect(docstring.raises.map(\.name) == ["ValueError", "TypeError"])
    }

    @Test func epytextStyle() {
        let docstring = DocstringParser.parse("""
            Open a file.

            @param path: Where the file is.
            @type path: str
            @return: The handle.
            @raise IOError: When it cannot be opened.
            """)
        #expect(docstring.style == .epytext)
        #expect(docstring.parameters == [DocstringItem(name: "path", type: "str", description: "Where the file is.", line: 2)])
        #expect(docstring.returns.map(\.description) == ["The handle."])
        #expect(docstring.raises.map(\.name) == ["IOError"])
    }

    @Test func plainAndMixed() {
        let plain = DocstringParser.parse("Return the answer.")
        #expect(plain.style == .plain)
        #expect(plain.isSummaryOnly)
        let mixed = DocstringParser.parse("""
            Do it.

            Args:
                x: The x.

            :returns: Nothing useful.
            """)
        #expect(mixed.isMixed)
        #expect(mixed.styles == [.google, .sphinx])
        #expect(mixed.parameters.map(\.name) == ["x"])
        #expect(mixed.returns.count == 1)
    }

    @Test func proseWithAColonIsNotASection() {
        let docstring = DocstringParser.parse("""
            Summary.

            Note:
            this line is not indented, so napoleon reads it as prose.
            """)
        #expect(docstring.sections.isEmpty)
        #expect(docstring.style == .plain)
    }

    @Test func malformedEntriesAreProblems() {
        let docstring = DocstringParser.parse("""
            Summary.

            Args:
                This sentence is not a parameter entry.

            Returns:
            """)
        #expect(docstring.problems.map(\.line) == [3, 5])
        let empty = DocstringParser.parse("""
            Summary.

            Raises:

            Args:
                x: The x.
            """)
        #expect(empty.problems.map(\.line) == [2])
        let sphinx = DocstringParser.parse("Summary.\n\n:param: missing name\n")
        #expect(sphinx.problems.count == 1)
    }

    @Test func summaryLinesAndTabs() {
        let docstring = DocstringParser.parse("\n\tFirst line\n\tcontinues.\n\n\tBody.\n\t")
        #expect(docstring.summary == DocstringText(text: "First line\ncontinues.", line: 1))
        #expect(docstring.description == DocstringText(text: "Body.", line: 4))
    }
}
