import ChatWire
import Replay

/// How a request names the one cassette it replays from (`ReplayScopes`): a path prefix —
/// `/c/NAME/v1/chat/completions`, so a client's base URL `http://HOST:PORT/c/NAME/v1` scopes every
/// request it sends — or the `x-docharness-cassette: NAME` header. `NAME` may hold `/`
/// (`test_models/test_summary`) and percent-escapes; it ends before the first `v1`, `openai` or
/// `__admin` segment.
enum CassetteScope {
    /// The header that names a request's cassette.
    static let header = "x-docharness-cassette"

    /// The scope a request names, if any, and the path without the `/c/NAME` prefix; an error when
    /// the name is not acceptable or the prefix and the header disagree. The path is scanned once,
    /// as bytes: this runs on every scoped request.
    ///
    /// A cassette's own path may hold a `v1` or `openai` folder (`llms/openai/testdata/x.yaml`),
    /// and a base URL may put more before `v1` (`/api/v1`): the name is then the shortest prefix
    /// that names a loaded cassette (`isLoaded`), else it ends at the first route segment.
    static func parse(_ request: ServerRequest, isLoaded: (String) -> Bool = { _ in false }) -> Result<(scope: String?, path: String), APIError> {
        var scope: String?
        var path = request.path
        if path.utf8.starts(with: "/c/".utf8) {
            let bytes = Array(path.utf8)
            let routeEnd = bytes.firstIndex(of: UInt8(ascii: "?")) ?? bytes.count
            var candidates: [Int] = []
            var boundaries: [Int] = []
            var segmentStart = 3
            var index = 3
            while index <= routeEnd {
                if index == routeEnd || bytes[index] == UInt8(ascii: "/") {
                    if segmentStart > 4 {
                        boundaries.append(segmentStart - 1)
                        if isRouteSegment(bytes[segmentStart ..< index]) { candidates.append(segmentStart - 1) }
                    }
                    segmentStart = index + 1
                }
                index += 1
            }
            func loaded(_ end: Int) -> Bool { isLoaded(percentDecoded(String(decoding: bytes[3 ..< end], as: UTF8.self)) ?? "") }
            // The usual case costs one lookup; a base URL with more before `v1` (OpenRouter's
            // `/api/v1`) is found by the loaded cassette its prefix names.
            var nameEnd = candidates.first
            if let first = nameEnd, candidates.count > 1 || boundaries.first != first, !loaded(first) {
                nameEnd = boundaries.first(where: loaded) ?? first
            }
            guard let nameEnd else {
                let route = String(decoding: bytes[..<routeEnd].prefix(200), as: UTF8.self)
                return .failure(APIError(message: "A /c/NAME/ path must go on with /v1/…, /openai/… or /__admin/… (got \(route)); set the client's base URL to http://HOST:PORT/c/NAME/v1.", type: "invalid_request_error", code: "invalid_cassette_scope"))
            }
            guard let name = percentDecoded(String(decoding: bytes[3 ..< nameEnd], as: UTF8.self)) else {
                return .failure(APIError(message: "The cassette name in \(String(decoding: bytes[..<routeEnd].prefix(200), as: UTF8.self)) has a malformed percent-escape.", type: "invalid_request_error", code: "invalid_cassette_scope"))
            }
            scope = name
            path = String(decoding: bytes[nameEnd...], as: UTF8.self)
        }
        if let named = request.headers[header] {
            if let scope, scope != named {
                return .failure(APIError(message: "The path names cassette `\(scope)` and the \(header) header names `\(named)`; name one.", type: "invalid_request_error", code: "invalid_cassette_scope"))
            }
            scope = named
        }
        if let scope {
            do { try ReplayScopes.validate(scope) } catch {
                return .failure(APIError(message: "Invalid cassette scope: \(error.description).", type: "invalid_request_error", code: "invalid_cassette_scope"))
            }
        }
        return .success((scope, path))
    }

    /// Whether a path segment is `v1`, `openai` or `__admin`, which end a scope name.
    private static func isRouteSegment(_ segment: ArraySlice<UInt8>) -> Bool {
        segment.elementsEqual("v1".utf8) || segment.elementsEqual("openai".utf8) || segment.elementsEqual("__admin".utf8)
    }

    /// `%XX` escapes decoded as UTF-8, or nil when one is malformed.
    static func percentDecoded(_ text: String) -> String? {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0") ... UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a") ... UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A") ... UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
