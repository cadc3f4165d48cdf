import Files
import Foundation
import Testing

/// Atomic writes nobody else can steer (issue 23, item 6): each test failed on the writer that
/// used a predictable `PATH.tmp-PID` name and replaced whatever was at the target.
struct AtomicFileTests {
    func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(getpid())-\(UInt32.random(in: 0 ... .max))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func aPlantedTemporaryNameDoesNotRedirectTheWrite() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let victim = root + "/victim.txt"
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: victim))
        // The old writer's temporary name, planted as a symlink to a file the attacker wants overwritten.
        try FileManager.default.createSymbolicLink(atPath: root + "/r.json.tmp-\(getpid())", withDestinationPath: victim)
        try AtomicFile.write(Array("{}".utf8), to: root + "/r.json")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me")
        #expect(try String(contentsOfFile: root + "/r.json", encoding: .utf8) == "{}")
    }

    @Test func aSymlinkFIFOOrFolderAtTheTargetIsRefusedNotReplaced() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let elsewhere = root + "/elsewhere.txt"
        try Data("original".utf8).write(to: URL(fileURLWithPath: elsewhere))
        try FileManager.default.createSymbolicLink(atPath: root + "/link.json", withDestinationPath: elsewhere)
        #expect(mkfifo(root + "/fifo.json", 0o600) == 0)
        try FileManager.default.createDirectory(atPath: root + "/folder.json", withIntermediateDirectories: false)
        for (name, kind) in [("link.json", "a symbolic link"), ("fifo.json", "a FIFO"), ("folder.json", "a folder")] {
            do {
                try AtomicFile.write(Array("x".utf8), to: root + "/" + name)
                Issue.record("\(name) was replaced")
            } catch {
                #expect(error.description.contains("it is \(kind); refusing to replace it"))
            }
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: root + "/link.json") == elsewhere)
        #expect(try String(contentsOfFile: elsewhere, encoding: .utf8) == "original")
        // Editing a user's file goes through their link instead.
        try AtomicFile.write(Array("edited".utf8), to: root + "/link.json", followingLinks: true)
        #expect(try String(contentsOfFile: elsewhere, encoding: .utf8) == "edited")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: root + "/link.json") == elsewhere)
    }

    @Test func anExistingFileKeepsItsPermissionsAndStaleTemporariesAreRemoved() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let target = root + "/report.md"
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        #expect(chmod(target, 0o640) == 0)
        // A run that died (a pid that is not running) left its temporary file behind.
        let stale = root + "/.report.md.tmp-2147483646-0123456789abcdef"
        try Data("partial".utf8).write(to: URL(fileURLWithPath: stale))
        try AtomicFile.write(Array("new".utf8), to: target)
        var info = stat()
        #expect(stat(target, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o640)
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["report.md"])
    }

    @Test func twoSpellingsOfOnePathAreOneTarget() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/sub", withIntermediateDirectories: false)
        #expect(AtomicFile.canonicalTarget(root + "/r") == AtomicFile.canonicalTarget(root + "/./sub/../r"))
    }
}
