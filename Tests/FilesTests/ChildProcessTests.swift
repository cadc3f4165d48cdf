import Files
import Foundation
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

    @Test("a program that leaves a process running behind it is done when it exits, not when that process ends")
    func leavesAProcessBehind() throws {
        // Foundation's Process waited here until the sleep ended (it inherited the socket Process
        // watches the child through); with posix_spawn every other descriptor is closed in the child.
        let result = try ChildProcess.run("/bin/sh", ["-c", "sleep 600 > /dev/null 2>&1 & echo $!"])
        let pid = try #require(Int32(String(decoding: result.standardOutput, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        defer { kill(pid, SIGKILL) }
        #expect(result.status == 0)
        #expect(kill(pid, 0) == 0, "the process left behind should still be running when run returns")
    }

    @Test("a program a signal ends reports 128 + the signal, as a shell does; one that cannot start is an error naming it")
    func signalsAndMissingPrograms() throws {
        #expect(try ChildProcess.run("/bin/sh", ["-c", "kill -TERM $$"]).status == 128 + SIGTERM)
        #expect(throws: SpawnError.self) { try ChildProcess.run("/nonexistent/program", []) }
    }
}
