/// A text as llama.cpp's pre-tokenizers see it: code points with llama.cpp's category flags, and
/// the two stand-ins its `std::regex` fallback runs over.
///
/// - ``collapsed``: ASCII kept, every other code point replaced by one code for its category
///   (whitespace → `\v`, letters → 0xD2, numbers → 0xD1, punctuation → 0xD3, marks → 0xD4,
///   symbols → 0xD5, anything else → 0xD0), used by regexes with `\p{…}`;
/// - ``wide``: the code points with non-ASCII whitespace replaced by `\v`, used by the others;
/// - ``tagged``: the code points with their flags, for `tokenizer.json` regexes (Oniguruma).
struct SplitText {
    /// The code points.
    let scalars: [UInt32]
    /// Each code point's ``Flags``.
    let flags: [UInt8]

    struct Flags {
        static let letter: UInt8 = 1
        static let number: UInt8 = 2
        static let whitespace: UInt8 = 4
        static let punctuation: UInt8 = 8
        static let symbol: UInt8 = 16
        static let mark: UInt8 = 32
        /// Zs, Zl, Zp: only the Oniguruma dialect's `\p{Z}` reads it.
        static let separator: UInt8 = 64
        /// Any category at all (llama.cpp's `as_uint() != 0`): true of every code point in range.
        static let any: UInt8 = 128
    }

    static let numberCode: UInt32 = 0xD1
    static let letterCode: UInt32 = 0xD2
    static let punctuationCode: UInt32 = 0xD3
    static let markCode: UInt32 = 0xD4
    static let symbolCode: UInt32 = 0xD5
    static let otherCode: UInt32 = 0xD0

    init(_ scalars: [UInt32]) {
        self.scalars = scalars
        flags = scalars.map(Self.flags(of:))
    }

    static let asciiFlags: [UInt8] = (0 ..< 128).map { flagsSlow(UInt32($0)) }

    @inline(__always)
    static func flags(of scalar: UInt32) -> UInt8 {
        scalar < 0x80 ? asciiFlags[Int(scalar)] : flagsSlow(scalar)
    }

    /// The Unicode version of llama.cpp's category tables (`unicode-data.cpp`, generated from
    /// Python 3.13's `unicodedata`): a code point assigned later is unassigned to it, whatever
    /// this Swift's newer tables say (U+13655, an Egyptian hieroglyph of Unicode 16, is a letter
    /// here and nothing there).
    static let llamaCppUnicodeVersion = (major: 15, minor: 1)

    static func flagsSlow(_ value: UInt32) -> UInt8 {
        guard let scalar = Unicode.Scalar(value) else { return Flags.any }
        if let age = scalar.properties.age,
           (age.major, age.minor) > (llamaCppUnicodeVersion.major, llamaCppUnicodeVersion.minor) { return Flags.any }
        var bits = Flags.any
        if scalar.properties.isWhitespace { bits |= Flags.whitespace }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: bits |= Flags.letter
        case .decimalNumber, .letterNumber, .otherNumber: bits |= Flags.number
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation: bits |= Flags.punctuation
        case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol: bits |= Flags.symbol
        case .nonspacingMark, .spacingMark, .enclosingMark: bits |= Flags.mark
        case .spaceSeparator, .lineSeparator, .paragraphSeparator: bits |= Flags.separator
        default: break
        }
        return bits
    }

    var count: Int { scalars.count }

    /// The collapsed stand-in (see the type's documentation).
    var collapsed: [UInt32] {
        zip(scalars, flags).map { scalar, bits in
            if scalar < 0x80 { return scalar }
            if bits & Flags.whitespace != 0 { return 0x0B }
            if bits & Flags.letter != 0 { return Self.letterCode }
            if bits & Flags.number != 0 { return Self.numberCode }
            if bits & Flags.punctuation != 0 { return Self.punctuationCode }
            if bits & Flags.mark != 0 { return Self.markCode }
            if bits & Flags.symbol != 0 { return Self.symbolCode }
            return Self.otherCode
        }
    }

    /// The code points with their flags in the top byte: what an Oniguruma-dialect ``SplitRegex``
    /// (a `tokenizer.json`'s Split pattern) runs over, categories exact.
    var tagged: [UInt32] {
        zip(scalars, flags).map { scalar, bits in scalar | UInt32(bits) << 24 }
    }

    /// The wide stand-in (see the type's documentation).
    var wide: [UInt32] {
        zip(scalars, flags).map { scalar, bits in scalar >= 0x80 && bits & Flags.whitespace != 0 ? 0x0B : scalar }
    }
}
