/// "100 tokens ≈ 75 words": words times 4/3.
public struct WordsTimesFourThirds: TokenEstimator {
    public static let name = "words*4/3"
    public static let summary = "whitespace-separated words times 4/3, rounded up: OpenAI's \"100 tokens is about 75 words\""

    public init() {}

    public func estimate(_ text: String) -> Int {
        var words = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                inWord = false
            } else if !inWord {
                inWord = true
                words += 1
            }
        }
        return (words * 4 + 2) / 3
    }

    /// A place after an ASCII space, tab or line break with a multiple of 3 words before it, so
    /// no word is cut and the chunks' rounded-up counts add up exactly.
    public func safeCut(inUTF8 bytes: [UInt8]) -> Int? {
        var words = 0, inWord = false, cut: Int?
        var index = 0
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            if scalar.properties.isWhitespace {
                inWord = false
                if scalar.isASCII, words % 3 == 0, words > 0 { cut = index + 1 }
            } else if !inWord {
                inWord = true
                words += 1
            }
            index += scalar.utf8.count
        }
        return cut
    }
}
