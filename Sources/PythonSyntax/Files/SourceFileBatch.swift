import Files
/// Reads and parses many files on all cores, returning them in the order given.
public enum SourceFileBatch {
    /// Parses every path concurrently; the result has one entry per path, in order.
    /// `jobs` bounds the number of files parsed at once (nil: one per core).
    public static func read(paths: [String], jobs: Int? = nil) -> [SourceFile] {
        ParallelMap.map(count: paths.count, jobs: jobs) { SourceFile.read(path: paths[$0]) }
    }
}
