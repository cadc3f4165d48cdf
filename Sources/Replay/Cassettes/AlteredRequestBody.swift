/// A recorded request body that is not the one the client sent: its length matches none of the
/// ways the client could have written it, given the `Content-Length` the client declared.
///
/// Recorders keep a request's headers as sent, so a body edited after recording (a secret
/// redacted, a prompt touched up by hand) no longer has the length its `Content-Length` says.
/// The usage the server reported then describes another text: paper-qa's
/// `test_pdf_reader_match_doc_details.yaml` holds a request of 5,243 bytes declared as 5,219, and
/// counting it gives 9 tokens more than the server did. Bodies a recorder re-serialized are not
/// taken for edited: the compact form (`,` and `:`) and Python's default (`, ` and `: `) of the
/// recorded JSON are compared too, and text with non-ASCII characters or `\u` escapes (whose
/// length depends on how the client escaped them) is not judged at all.
public struct AlteredRequestBody: Sendable, Hashable {
    /// The `Content-Length` the client sent.
    public var declaredLength: Int
    /// The length of the body the cassette holds.
    public var recordedLength: Int

    /// Creates a finding.
    public init(declaredLength: Int, recordedLength: Int) {
        self.declaredLength = declaredLength
        self.recordedLength = recordedLength
    }

    /// The finding for a body recorded as `text` under these request headers; nil when its length
    /// fits the declared one in one of the forms, or when it cannot be judged (no
    /// `Content-Length`, a content encoding, non-ASCII text or `\u` escapes).
    public static func check(text: String, headers: HeaderFields) -> AlteredRequestBody? {
        guard let declaredText = headers["content-length"], let declared = Int(declaredText.filter { $0 != " " }),
              headers["content-encoding"] == nil else { return nil }
        let bytes = Array(text.utf8)
        if bytes.count == declared { return nil }
        var inString = false
        var escaped = false
        var insignificant = 0
        var separators = 0
        for byte in bytes {
            if byte >= 0x80 { return nil }
            if inString {
                if escaped {
                    if byte == UInt8(ascii: "u") { return nil }
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case 0x20, 0x09, 0x0A, 0x0D: insignificant += 1
            case UInt8(ascii: ","), UInt8(ascii: ":"): separators += 1
            default: break
            }
        }
        // Only a JSON text is judged: a form body or other text has no second form to compare.
        guard let first = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }), first == UInt8(ascii: "{") || first == UInt8(ascii: "["), !inString else { return nil }
        let compact = bytes.count - insignificant
        if declared == compact || declared == compact + separators { return nil }
        return AlteredRequestBody(declaredLength: declared, recordedLength: bytes.count)
    }
}
