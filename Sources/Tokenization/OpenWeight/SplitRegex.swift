/// The regular expressions llama.cpp splits text with when it has no hand-written scanner for a
/// pre-tokenizer: ECMAScript syntax and semantics as C++ `std::regex` runs them (ordered
/// alternation, greedy and lazy quantifiers with backtracking, lookahead), over code points.
///
/// Supported: literals and escapes (`\r \n \t \f \v \\ \. …`, `\xHH`, `\uHHHH`), `.`, classes
/// with ranges and negation, `\s \S \d \D \w \W`, `\p{L|N|P|S|M}` (see ``SplitText``), groups
/// `( )` `(?: )`, lookahead `(?= )` `(?! )`, `* + ? {n} {n,} {n,m}` and their lazy forms, `^ $`
/// and `|`. Anything else (lookbehind, backreferences, possessive quantifiers) is an error that
/// names the construct.
///
/// The ``Dialect/oniguruma`` dialect is how Hugging Face `tokenizers` runs a `tokenizer.json`'s
/// Split regexes: `\p{…}` and `\s` are the real Unicode categories and White_Space (the regex runs
/// over ``SplitText/tagged``), and `(?i: … )` groups match ASCII letters in either case.
struct SplitRegex: Sendable {
    /// Whose regex semantics to follow.
    enum Dialect: Sendable {
        /// llama.cpp's `std::regex` over its collapsed category codes.
        case llamaCpp
        /// Oniguruma as Hugging Face `tokenizers` uses it.
        case oniguruma
    }

    /// The regex as written.
    let source: String
    let dialect: Dialect
    /// Whether the regex uses `\p{…}` and so runs over ``SplitText/collapsed`` (llama.cpp dialect).
    let usesCategories: Bool
    private let programs: [[Instruction]]

    enum Instruction: Sendable {
        case scalar(CharacterClass)
        case split(Int, Int)
        case jump(Int)
        case assertStart
        case assertEnd
        case lookahead(program: Int, negated: Bool)
        case match
    }

    /// A set of code points: ranges and (over tagged text) category flags, optionally negated.
    struct CharacterClass: Sendable {
        var ranges: [ClosedRange<UInt32>] = []
        /// ``SplitText/Flags`` any of which puts a tagged code point in the class.
        var categories: UInt8 = 0
        /// Negated escapes inside brackets (`[\S…]`, `[\P{L}…]`): a code point outside one is in.
        var negatedParts: [(ranges: [ClosedRange<UInt32>], categories: UInt8)] = []
        var negated = false

        /// Whether `value` (a code point, a collapsed code, or a tagged code point: flags in the
        /// top byte) is in the class.
        @inline(__always)
        func contains(_ value: UInt32) -> Bool {
            let scalar = value & 0x1F_FFFF
            let flags = UInt8(truncatingIfNeeded: value >> 24)
            var found = flags & categories != 0
            if !found {
                for range in ranges where range.contains(scalar) {
                    found = true
                    break
                }
            }
            if !found {
                for part in negatedParts where flags & part.categories == 0 && !part.ranges.contains(where: { $0.contains(scalar) }) {
                    found = true
                    break
                }
            }
            return found != negated
        }
    }

    /// Why a regex cannot be used.
    struct Unsupported: Error, Sendable {
        var construct: String
    }

    init(_ source: String, dialect: Dialect = .llamaCpp) throws(Unsupported) {
        self.source = source
        self.dialect = dialect
        var parser = Parser(scalars: Array(source.unicodeScalars.map(\.value)), dialect: dialect)
        let tree = try parser.parseAlternation()
        guard parser.position == parser.scalars.count else { throw Unsupported(construct: "an unbalanced `)`") }
        usesCategories = parser.usesCategories
        var compiler = Compiler()
        let main = try compiler.compile(tree)
        compiler.programs[0] = main + [.match]
        programs = compiler.programs
    }

    /// The end of the leftmost match at or after `start` in `text[start..<end]` (which the regex
    /// sees as the whole text), as (match start, match end), or nil.
    func firstMatch(in text: UnsafeBufferPointer<UInt32>, from start: Int, bounds: Range<Int>) -> (Int, Int)? {
        var position = start
        while position <= bounds.upperBound {
            if let end = run(program: 0, text: text, at: position, bounds: bounds) { return (position, end) }
            position += 1
        }
        return nil
    }

    /// Runs one program anchored at `position`: the end of the first match in priority order.
    private func run(program index: Int, text: UnsafeBufferPointer<UInt32>, at position: Int, bounds: Range<Int>) -> Int? {
        let program = programs[index]
        var stack: [(pc: Int, position: Int)] = [(0, position)]
        while let (startPC, startPosition) = stack.popLast() {
            var pc = startPC
            var at = startPosition
            thread: while true {
                switch program[pc] {
                case .scalar(let set):
                    guard at < bounds.upperBound, set.contains(text[at]) else { break thread }
                    at += 1
                    pc += 1
                case .split(let first, let second):
                    stack.append((second, at))
                    pc = first
                case .jump(let target):
                    pc = target
                case .assertStart:
                    guard at == bounds.lowerBound else { break thread }
                    pc += 1
                case .assertEnd:
                    guard at == bounds.upperBound else { break thread }
                    pc += 1
                case .lookahead(let sub, let negated):
                    let matched = run(program: sub, text: text, at: at, bounds: bounds) != nil
                    guard matched != negated else { break thread }
                    pc += 1
                case .match:
                    return at
                }
            }
        }
        return nil
    }
}

extension SplitRegex {
    indirect enum Node {
        case set(CharacterClass)
        case sequence([Node])
        case alternation([Node])
        case repeated(Node, min: Int, max: Int?, greedy: Bool)
        case lookahead(Node, negated: Bool)
        case start
        case end
    }

    /// The code points (or collapsed codes) `\p{X}` stands for, as llama.cpp collapses them: the
    /// category's code for non-ASCII text plus the ASCII characters llama.cpp lists for it.
    static func categoryRanges(_ name: String) -> [ClosedRange<UInt32>]? {
        switch name {
        case "N": [SplitText.numberCode ... SplitText.numberCode, 0x30 ... 0x39]
        // llama.cpp (b11434) collapses the letter subcategories to letters, ASCII case included.
        case "L", "Lu", "Ll", "Lt", "Lm", "Lo": [SplitText.letterCode ... SplitText.letterCode, 0x41 ... 0x5A, 0x61 ... 0x7A]
        case "P": [SplitText.punctuationCode ... SplitText.punctuationCode, 0x21 ... 0x23, 0x25 ... 0x2A, 0x2C ... 0x2F,
                   0x3A ... 0x3B, 0x3F ... 0x40, 0x5B ... 0x5D, 0x5F ... 0x5F, 0x7B ... 0x7B, 0x7D ... 0x7D]
        case "M": [SplitText.markCode ... SplitText.markCode]
        case "S": [SplitText.symbolCode ... SplitText.symbolCode, 0x24 ... 0x24, 0x2B ... 0x2B, 0x3C ... 0x3E, 0x5E ... 0x5E,
                   0x60 ... 0x60, 0x7C ... 0x7C]
        default: nil
        }
    }

    /// The ``SplitText/Flags`` of a Unicode general category (Oniguruma dialect).
    static func categoryFlag(_ name: String) -> UInt8? {
        switch name {
        case "L": SplitText.Flags.letter
        case "N": SplitText.Flags.number
        case "P": SplitText.Flags.punctuation
        case "S": SplitText.Flags.symbol
        case "M": SplitText.Flags.mark
        case "Z": SplitText.Flags.separator
        default: nil
        }
    }

    static let spaceRanges: [ClosedRange<UInt32>] = [0x09 ... 0x0D, 0x20 ... 0x20]
    static let digitRanges: [ClosedRange<UInt32>] = [0x30 ... 0x39]
    static let wordRanges: [ClosedRange<UInt32>] = [0x30 ... 0x39, 0x41 ... 0x5A, 0x5F ... 0x5F, 0x61 ... 0x7A]
    /// ECMAScript's line terminators, which `.` does not match.
    static let lineTerminators: [ClosedRange<UInt32>] = [0x0A ... 0x0A, 0x0D ... 0x0D, 0x2028 ... 0x2029]

    struct Parser {
        let scalars: [UInt32]
        let dialect: Dialect
        var position = 0
        var usesCategories = false
        /// Inside `(?i: … )`: ASCII letters match either case.
        var caseInsensitive = false

        init(scalars: [UInt32], dialect: Dialect) {
            self.scalars = scalars
            self.dialect = dialect
        }

        /// A literal, both cases of an ASCII letter inside `(?i: … )`.
        func literal(_ scalar: UInt32) -> CharacterClass {
            guard caseInsensitive, (0x41 ... 0x5A).contains(scalar) || (0x61 ... 0x7A).contains(scalar) else {
                return CharacterClass(ranges: [scalar ... scalar])
            }
            let upper = scalar & ~0x20, lower = scalar | 0x20
            return CharacterClass(ranges: [upper ... upper, lower ... lower])
        }

        var peek: UInt32? { position < scalars.count ? scalars[position] : nil }

        mutating func parseAlternation() throws(Unsupported) -> Node {
            var branches = [try parseSequence()]
            while peek == 0x7C {
                position += 1
                branches.append(try parseSequence())
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        mutating func parseSequence() throws(Unsupported) -> Node {
            var items: [Node] = []
            while let scalar = peek, scalar != 0x7C, scalar != 0x29 {
                var atom = try parseAtom()
                atom = try parseQuantifier(atom)
                items.append(atom)
            }
            return .sequence(items)
        }

        mutating func parseQuantifier(_ atom: Node) throws(Unsupported) -> Node {
            guard let scalar = peek else { return atom }
            var bounds: (Int, Int?)
            switch scalar {
            case 0x2A: bounds = (0, nil); position += 1
            case 0x2B: bounds = (1, nil); position += 1
            case 0x3F: bounds = (0, 1); position += 1
            case 0x7B:
                guard let parsed = parseBraces() else { return atom }
                bounds = parsed
            default: return atom
            }
            var greedy = true
            if peek == 0x3F {
                greedy = false
                position += 1
            } else if peek == 0x2B {
                throw Unsupported(construct: "a possessive quantifier (`++`, `?+`, `*+`)")
            }
            if case .lookahead = atom { throw Unsupported(construct: "a quantified lookahead") }
            return .repeated(atom, min: bounds.0, max: bounds.1, greedy: greedy)
        }

        /// `{n}`, `{n,}` or `{n,m}`; nil (and nothing consumed) when the brace is a literal.
        mutating func parseBraces() -> (Int, Int?)? {
            var index = position + 1
            func number() -> Int? {
                var value: Int?
                while index < scalars.count, (0x30 ... 0x39).contains(scalars[index]) {
                    value = (value ?? 0) * 10 + Int(scalars[index] - 0x30)
                    index += 1
                }
                return value
            }
            guard let low = number() else { return nil }
            var high: Int? = low
            if index < scalars.count, scalars[index] == 0x2C {
                index += 1
                high = number()
            }
            guard index < scalars.count, scalars[index] == 0x7D else { return nil }
            position = index + 1
            return (low, high)
        }

        mutating func parseAtom() throws(Unsupported) -> Node {
            let scalar = scalars[position]
            position += 1
            switch scalar {
            case 0x28: // (
                var lookahead: Bool?
                let outerCase = caseInsensitive
                if peek == 0x3F {
                    let kind = position + 1 < scalars.count ? scalars[position + 1] : 0
                    switch kind {
                    case 0x3A: position += 2
                    case 0x3D: position += 2; lookahead = false
                    case 0x21: position += 2; lookahead = true
                    case 0x3C: throw Unsupported(construct: "lookbehind `(?<`")
                    case 0x69 where dialect == .oniguruma && position + 2 < scalars.count && scalars[position + 2] == 0x3A:
                        position += 3
                        caseInsensitive = true
                    default: throw Unsupported(construct: "the group `(?\(String(UnicodeScalar(kind).map(Character.init) ?? "?"))`")
                    }
                }
                let inner = try parseAlternation()
                caseInsensitive = outerCase
                guard peek == 0x29 else { throw Unsupported(construct: "an unclosed `(`") }
                position += 1
                if let negated = lookahead { return .lookahead(inner, negated: negated) }
                return inner
            case 0x5B: return .set(try parseClass())
            case 0x2E: return .set(CharacterClass(ranges: SplitRegex.lineTerminators, negated: true))
            case 0x5E: return .start
            case 0x24: return .end
            case 0x5C: return .set(try parseEscape(inClass: false))
            case 0x2A, 0x2B, 0x3F: throw Unsupported(construct: "a quantifier with nothing to repeat")
            default: return .set(literal(scalar))
            }
        }

        mutating func parseClass() throws(Unsupported) -> CharacterClass {
            var set = CharacterClass()
            if peek == 0x5E {
                set.negated = true
                position += 1
            }
            var first = true
            while let scalar = peek, scalar != 0x5D || first {
                first = false
                position += 1
                var low: UInt32
                if scalar == 0x5C {
                    let escaped = try parseEscape(inClass: true)
                    if escaped.negated {
                        set.negatedParts.append((escaped.ranges, escaped.categories))
                        continue
                    }
                    guard escaped.categories == 0, escaped.ranges.count == 1, escaped.ranges[0].count == 1 else {
                        set.ranges += escaped.ranges
                        set.categories |= escaped.categories
                        continue
                    }
                    low = escaped.ranges[0].lowerBound
                } else if scalar == 0x5B, peek == 0x3A {
                    throw Unsupported(construct: "a POSIX class `[:…:]`")
                } else {
                    low = scalar
                }
                if peek == 0x2D, position + 1 < scalars.count, scalars[position + 1] != 0x5D {
                    position += 1
                    var high = scalars[position]
                    position += 1
                    if high == 0x5C {
                        let escaped = try parseEscape(inClass: true)
                        guard !escaped.negated, escaped.ranges.count == 1, escaped.ranges[0].count == 1 else {
                            throw Unsupported(construct: "a range ending in a class escape")
                        }
                        high = escaped.ranges[0].lowerBound
                    }
                    guard low <= high else { throw Unsupported(construct: "a reversed range") }
                    set.ranges.append(low ... high)
                } else {
                    let single = literal(low)
                    set.ranges += single.ranges
                }
            }
            guard peek == 0x5D else { throw Unsupported(construct: "an unclosed `[`") }
            position += 1
            return set
        }

        mutating func parseEscape(inClass: Bool) throws(Unsupported) -> CharacterClass {
            guard let scalar = peek else { throw Unsupported(construct: "a trailing backslash") }
            position += 1
            func single(_ value: UInt32) -> CharacterClass { CharacterClass(ranges: [value ... value]) }
            switch scalar {
            case 0x73 where dialect == .oniguruma: return CharacterClass(categories: SplitText.Flags.whitespace)                // \s
            case 0x53 where dialect == .oniguruma: return CharacterClass(categories: SplitText.Flags.whitespace, negated: true) // \S
            case 0x73: return CharacterClass(ranges: SplitRegex.spaceRanges)                    // \s
            case 0x53: return CharacterClass(ranges: SplitRegex.spaceRanges, negated: true)     // \S
            case 0x64: return CharacterClass(ranges: SplitRegex.digitRanges)                    // \d
            case 0x44: return CharacterClass(ranges: SplitRegex.digitRanges, negated: true)     // \D
            case 0x77: return CharacterClass(ranges: SplitRegex.wordRanges)                     // \w
            case 0x57: return CharacterClass(ranges: SplitRegex.wordRanges, negated: true)      // \W
            case 0x72: return single(0x0D)
            case 0x6E: return single(0x0A)
            case 0x74: return single(0x09)
            case 0x66: return single(0x0C)
            case 0x76: return single(0x0B)
            case 0x30: return single(0)
            case 0x78, 0x75: // \xHH, \uHHHH
                let digits = scalar == 0x78 ? 2 : 4
                guard position + digits <= scalars.count,
                      let value = UInt32(String(String.UnicodeScalarView(scalars[position ..< position + digits].compactMap(Unicode.Scalar.init))), radix: 16)
                else { throw Unsupported(construct: "a malformed `\\\(scalar == 0x78 ? "x" : "u")` escape") }
                position += digits
                return single(value)
            case 0x70, 0x50: // \p{X}, \P{X}
                guard peek == 0x7B, let close = scalars[position...].firstIndex(of: 0x7D) else {
                    throw Unsupported(construct: "a `\\p` without `{…}`")
                }
                let name = String(String.UnicodeScalarView(scalars[(position + 1) ..< close].compactMap(Unicode.Scalar.init)))
                if dialect == .oniguruma {
                    guard let flag = SplitRegex.categoryFlag(name) else {
                        throw Unsupported(construct: "the Unicode property `\\p{\(name)}` (L, N, P, S, M and Z are supported)")
                    }
                    position = close + 1
                    return CharacterClass(categories: flag, negated: scalar == 0x50)
                }
                guard let ranges = SplitRegex.categoryRanges(name) else {
                    throw Unsupported(construct: "the Unicode category `\\p{\(name)}` (llama.cpp knows L, Lu, Ll, Lt, Lm, Lo, N, P, S and M)")
                }
                position = close + 1
                usesCategories = true
                return CharacterClass(ranges: ranges, negated: scalar == 0x50)
            case 0x62, 0x42: throw Unsupported(construct: "a word boundary `\\b`")
            case 0x31 ... 0x39: throw Unsupported(construct: "a backreference")
            default: return single(scalar)
            }
        }
    }

    struct Compiler {
        var programs: [[Instruction]] = [[]]

        mutating func compile(_ node: Node) throws(Unsupported) -> [Instruction] {
            switch node {
            case .set(let set): return [.scalar(set)]
            case .start: return [.assertStart]
            case .end: return [.assertEnd]
            case .sequence(let items):
                var code: [Instruction] = []
                for item in items { code += Self.shifted(try compile(item), by: code.count) }
                return code
            case .alternation(let branches):
                // split L1, next; L1: a; jump end; next: split L2, next2; …
                let compiled = try branches.map { (branch) throws(Unsupported) in try compile(branch) }
                var code: [Instruction] = []
                var jumps: [Int] = []
                for (index, branch) in compiled.enumerated() {
                    if index < compiled.count - 1 {
                        let splitAt = code.count
                        code.append(.split(splitAt + 1, splitAt + 1 + branch.count + 1))
                        code += Self.shifted(branch, by: splitAt + 1)
                        jumps.append(code.count)
                        code.append(.jump(0))
                    } else {
                        code += Self.shifted(branch, by: code.count)
                    }
                }
                for jump in jumps { code[jump] = .jump(code.count) }
                return code
            case .lookahead(let inner, let negated):
                let index = programs.count
                programs.append([])
                programs[index] = try compile(inner) + [.match]
                return [.lookahead(program: index, negated: negated)]
            case .repeated(let inner, let min, let max, let greedy):
                let body = try compile(inner)
                if Self.nullable(inner) { throw Unsupported(construct: "a repeated group that can match nothing") }
                var code: [Instruction] = []
                for _ in 0 ..< min { code += Self.shifted(body, by: code.count) }
                if let max {
                    // Optional copies: split body, end — each may stop.
                    var exits: [Int] = []
                    for _ in min ..< max {
                        exits.append(code.count)
                        code.append(.split(0, 0))
                        code += Self.shifted(body, by: code.count)
                    }
                    for exit in exits {
                        code[exit] = greedy ? .split(exit + 1, code.count) : .split(code.count, exit + 1)
                    }
                } else {
                    let loop = code.count
                    code.append(.split(0, 0))
                    code += Self.shifted(body, by: code.count)
                    code.append(.jump(loop))
                    code[loop] = greedy ? .split(loop + 1, code.count) : .split(code.count, loop + 1)
                }
                return code
            }
        }

        /// Code compiled at offset 0 moved to `offset`.
        static func shifted(_ code: [Instruction], by offset: Int) -> [Instruction] {
            code.map { instruction in
                switch instruction {
                case .split(let first, let second): .split(first + offset, second + offset)
                case .jump(let target): .jump(target + offset)
                default: instruction
                }
            }
        }

        static func nullable(_ node: Node) -> Bool {
            switch node {
            case .set: false
            case .start, .end, .lookahead: true
            case .sequence(let items): items.allSatisfy(nullable)
            case .alternation(let branches): branches.contains(where: nullable)
            case .repeated(let inner, let min, _, _): min == 0 || nullable(inner)
            }
        }
    }
}
