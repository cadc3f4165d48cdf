import Files
import Foundation
import Testing

/// Only regular files are read whole, and only up to a limit (issue 23, item 4): a FIFO used to
/// hang every command that read it, `/dev/zero` behind a symlink to exhaust memory.
struct FileBytesTests {
    @Test func fifosDevicesAndOversizedFilesAreRefusedNotRead() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("filebytes-\(getpid())").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(mkfifo(root + "/pipe.py", 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: root + "/zero.py", withDestinationPath: "/dev/zero")
        try Data(repeating: 0x61, count: 3 << 20).write(to: URL(fileURLWithPath: root + "/big.py"))
        guard case .failure(let fifo) = FileBytes.read(path: root + "/pipe.py") else { Issue.record("a FIFO was read"); return }
        #expect(fifo.reason.hasPrefix("is a FIFO"))
        guard case .failure(let zero) = FileBytes.read(path: root + "/zero.py") else { Issue.record("/dev/zero was read"); return }
        #expect(zero.reason.hasPrefix("is a device or special file"))
        guard case .failure(let big) = FileBytes.read(path: root + "/big.py", limit: 1 << 20) else { Issue.record("the limit was ignored"); return }
        #expect(big.reason == "is 3 MiB, more than the 1 MiB read whole")
        guard case .success(let bytes) = FileBytes.read(path: root + "/big.py") else { Issue.record("a regular file was refused"); return }
        #expect(bytes.count == 3 << 20)
    }
}
