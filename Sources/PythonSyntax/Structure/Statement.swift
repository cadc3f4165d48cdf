/// A statement of the block structure: a simple statement, or a compound statement made of
/// clauses (`if`/`elif`/`else`, `try`/`except`/`else`/`finally`, `def`, `class`, `match`, …).
///
/// Token ranges index into ``TokenStream/tokens``; expressions are kept as token ranges, not trees.
public struct Statement: Sendable {
    /// What statement this is.
    public enum Kind: Sendable, Hashable {
        case simple
        case functionDefinition
        case classDefinition
        case ifStatement
        case forLoop
        case whileLoop
        case tryStatement
        case withStatement
        case matchStatement
        /// One `case` block of a `match` statement.
        case matchCase
    }

    /// The statement's kind.
    public var kind: Kind
    /// `async def`, `async for`, `async with`.
    public var isAsync: Bool
    /// Token ranges of the decorator expressions (after each `@`).
    public var decorators: [Range<Int>]
    /// For a simple statement, its tokens (without `;` or NEWLINE); for a compound one, from its
    /// first token (`async`, or the keyword) to the end of its first clause's header.
    public var tokens: Range<Int>
    /// The clauses of a compound statement, in order; empty for a simple statement.
    public var clauses: [Clause]
    /// Index of the statement's last token (its end, for `endLine`).
    public var lastToken: Int

    /// Whether this `try` uses `except*` (a `TryStar` node in CPython's AST).
    public var isExceptionGroupTry: Bool {
        kind == .tryStatement && clauses.contains { $0.keyword == .exceptStar }
    }
}

/// One clause of a compound statement: its header and its body.
public struct Clause: Sendable {
    /// The keyword that opens a clause.
    public enum Keyword: Sendable, Hashable {
        case def, `class`, `if`, elif, `else`, `for`, `while`, `try`, except, exceptStar, finally, with, match, `case`
    }

    /// The clause's keyword.
    public var keyword: Keyword
    /// Tokens from the keyword up to (not including) the header's colon.
    public var header: Range<Int>
    /// The statements of the body, inline (`if x: y`) or in an indented block.
    public var body: [Statement]
}
