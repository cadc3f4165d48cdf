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
}
