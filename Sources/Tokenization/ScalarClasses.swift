/// The Unicode classes the split patterns test, per scalar, decoded from UTF-8 once.
struct ScalarText {
    /// The text's UTF-8 bytes.
    let bytes: [UInt8]
    /// Each scalar's byte offset, plus the end.
    let offsets: [Int]
    /// Each scalar's value.
    let scalars: [UInt32]
    /// Each scalar's class bits.
    let classes: [UInt8]

    static let letter: UInt8 = 1        // \p{L}
    static let number: UInt8 = 2        // \p{N}
    static let space: UInt8 = 4         // \s (White_Space)
    static let newline: UInt8 = 8       // \r or \n
    static let upperish: UInt8 = 16     // [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}] (o200k)
    static let lowerish: UInt8 = 32     // [\p{Ll}\p{Lm}\p{Lo}\p{M}] (o200k)
    static let mark: UInt8 = 64         // \p{M}

    init(_ text: String) {
        var bytes: [UInt8] = []
        var offsets: [Int] = []
        var scalars: [UInt32] = []
        var classes: [UInt8] = []
        let utf8 = text.utf8
        bytes.reserveCapacity(utf8.count)
        offsets.reserveCapacity(utf8.count + 1)
        scalars.reserveCapacity(utf8.count)
        classes.reserveCapacity(utf8.count)
        for scalar in text.unicodeScalars {
            offsets.append(bytes.count)
            scalars.append(scalar.value)
            classes.append(Self.classify(scalar))
            if scalar.value < 0x80 {
                bytes.append(UInt8(scalar.value))
            } else {
                bytes.append(contentsOf: String(Character(scalar)).utf8)
            }
        }
        offsets.append(bytes.count)
        self.bytes = bytes
        self.offsets = offsets
        self.scalars = scalars
        self.classes = classes
    }

    static let asciiClasses: [UInt8] = (0 ..< 128).map { value in
        classifySlow(Unicode.Scalar(UInt8(value)))
    }

    @inline(__always)
    static func classify(_ scalar: Unicode.Scalar) -> UInt8 {
        scalar.value < 0x80 ? asciiClasses[Int(scalar.value)] : classifySlow(scalar)
    }

    static func classifySlow(_ scalar: Unicode.Scalar) -> UInt8 {
        var bits: UInt8 = 0
        if scalar.properties.isWhitespace { bits |= space }
        if scalar.value == 0x0A || scalar.value == 0x0D { bits |= newline }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .titlecaseLetter: bits |= letter | upperish
        case .lowercaseLetter: bits |= letter | lowerish
        case .modifierLetter, .otherLetter: bits |= letter | upperish | lowerish
        case .nonspacingMark, .spacingMark, .enclosingMark: bits |= mark | upperish | lowerish
        case .decimalNumber, .letterNumber, .otherNumber: bits |= number
        default: break
        }
        return bits
    }

    var count: Int { scalars.count }

    @inline(__always) func `is`(_ index: Int, _ bits: UInt8) -> Bool { classes[index] & bits != 0 }
}
