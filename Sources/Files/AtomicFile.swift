#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either the old content or the whole new content, never a
/// half-written file: the bytes go to a temporary file in the same folder, which is flushed to
/// disk, closed and renamed over the target, and the folder is flushed too.
///
/// Nobody else can steer the write: the temporary file has an unpredictable name
/// (`.NAME.tmp-PID-RANDOM`) and is created with `O_EXCL | O_NOFOLLOW`, so a file or symlink planted
/// there makes the open fail instead of redirecting it; a target that is a symlink, a device, a
/// FIFO or a folder is refused, not replaced; an existing target keeps its permissions. Temporary
/// files that a run which died left beside the target are removed by the next write.
public enum AtomicFile {
    /// An error writing a report file.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        /// The target path.
        public var path: String
        /// The system's reason.
        public var reason: String

        /// An error writing `path`, for `reason`.
        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }

        public var description: String { "\(path): cannot write: \(reason)" }
    }

    /// Writes `bytes` to `path` atomically; with `followingLinks`, a symlink at `path` is written
    /// through (its target is replaced, the link kept) instead of refused — for editing a user's
    /// source files, whose links are theirs.
    public static func write(_ bytes: some Collection<UInt8>, to path: String, followingLinks: Bool = false) throws(WriteError) {
        var target = path
        if followingLinks, let resolved = realpath(path, nil) {
            target = String(cString: resolved)
            free(resolved)
        }
        try write(chunks: [bytes], to: target)
    }

    /// Writes the concatenation of `chunks` to `path` atomically, without joining them in memory
    /// first (a report of tens of megabytes is written as the pieces it was made in).
    public static func write<Chunk: Collection<UInt8>>(chunks: [Chunk], to path: String) throws(WriteError) {
        try write(to: path) { output in
            for chunk in chunks { output.write(chunk) }
        }
    }

    /// Opens a temporary file beside `path`, lets `body` write to it, and renames it over `path`
    /// when every write succeeded and `body` did not throw; otherwise removes it and throws the
    /// first error.
    public static func write(to path: String, _ body: (Output) throws(WriteError) -> Void) throws(WriteError) {
        var existing = stat()
        var mode: mode_t = 0o666
        if lstat(path, &existing) == 0 {
            let kind = existing.st_mode & S_IFMT
            guard kind == S_IFREG else {
                let what = kind == S_IFLNK ? "a symbolic link" : kind == S_IFDIR ? "a folder" : kind == S_IFIFO ? "a FIFO" : "a device or special file"
                throw WriteError(path: path, reason: "it is \(what); refusing to replace it (give a regular file's path)")
            }
            mode = existing.st_mode & 0o7777
        }
        let (folder, name) = split(path)
        removeStale(folder: folder, name: name)
        var descriptor: Int32 = -1
        var temporary = ""
        for _ in 0 ..< 8 {
            temporary = folder + "/." + name + ".tmp-\(getpid())-" + randomSuffix()
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else {
            throw WriteError(path: path, reason: String(cString: strerror(errno)))
        }
        let output = FileDescriptorOutput(descriptor: descriptor)
        do {
            try body(output)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        // The new file gets the old one's permissions (else the usual 0666 less the umask).
        if existing.st_mode == 0 {
            let mask = umask(0)
            umask(mask)
            mode = 0o666 & ~mask
        }
        let synced = fchmod(descriptor, mode) == 0 && fsync(descriptor) == 0 ? 0 : errno
        let closed = close(descriptor) == 0 ? 0 : errno
        if let failure = output.failure ?? (synced != 0 ? synced : nil) ?? (closed == 0 ? nil : closed) {
            unlink(temporary)
            throw WriteError(path: path, reason: String(cString: strerror(failure)))
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
        let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    /// What `path` names once its folder's links and `.`/`..` are resolved: two report options
    /// naming the same file (`--json r --sarif ./r`) compare equal.
    public static func canonicalTarget(_ path: String) -> String {
        let (folder, name) = split(path)
        guard let resolved = realpath(folder, nil) else { return path }
        defer { free(resolved) }
        let base = String(cString: resolved)
        return (base == "/" ? "" : base) + "/" + name
    }

    /// The folder (`.` for a bare name) and the file name of `path`.
    static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }

    /// 16 hex digits from the system's random source.
    static func randomSuffix() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() as UInt64
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Removes `.NAME.tmp-PID-…` files beside the target whose writer is no longer running.
    static func removeStale(folder: String, name: String) {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        let prefix = "." + name + ".tmp-"
        while let entry = readdir(directory) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard entryName.hasPrefix(prefix) else { continue }
            let rest = entryName.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]), pid > 0 else { continue }
            if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH {
                unlink(folder + "/" + entryName)
            }
        }
    }

    /// The temporary file being written: one thread at a time may write to it
    /// (`ParallelMap.inOrder` hands pieces over that way).
    public typealias Output = FileDescriptorOutput
}
