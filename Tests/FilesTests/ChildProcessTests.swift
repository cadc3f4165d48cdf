import Files
import Testing

@Suite("ChildProcess")
struct ChildProcessTests {
    @Test("input reaches the program; output and error come back whole, however large; the status is kept")
    func runsToTheEnd() throws {
        let echoed = try ChildProcess.run("/bin/sh", ["-c", "cat; echo oops >&2; exit 3"], input: Array("hello\n".utf8))
        #expect(echoed.status == 3)
        #expect(echoed.standardOutput == Array("hello\n".utf8))
        #expect(echoed.lastErrorLine == "oops")
        // Two megabytes on each stream would fill any pipe long before the program ended.
        let large = try ChildProcess.run("/bin/sh", ["-c", "head -c 2000000 /dev/zero; head -c 2000000 /dev/zero >&2"])
        #expect(large.status == 0 && large.standardOutput.count == 2_000_000 && large.standardError.count == 2_000_000)
    }
}
