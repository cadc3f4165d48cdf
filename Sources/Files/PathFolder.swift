/// The folder part of a path, as `NSString.deletingLastPathComponent` gives it — "" for a bare
/// name, "/" for a name at the root, trailing and doubled slashes ignored — worked out on the
/// bytes. swift-corelibs-foundation's traps on a one-letter name with a trailing slash (`a/`,
/// `--json r/`), which a user can type; this answers "" there, as it does for `pkg/`.
public enum PathFolder {
    /// The folder `path` is in.
    public static func of(_ path: String) -> String {
        var bytes = Substring(path).utf8
        while bytes.count > 1, bytes.last == UInt8(ascii: "/") { bytes.removeLast() }
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        var end = slash
        while end > bytes.startIndex, bytes[bytes.index(before: end)] == UInt8(ascii: "/") { end = bytes.index(before: end) }
        return end == bytes.startIndex ? "/" : String(Substring(bytes[..<end]))
    }
}
