import DocHarnessTestSupport
import Foundation
import Testing

/// How a user without Swift installs and runs DocHarness (Tests/Oracles/distribution_oracles.py):
/// the pre-commit hook through `pre-commit try-repo`, `action.yml` and the README's workflows
/// against SchemaStore's schemas, and — when `make dist` has made them — the wheel and tarball:
/// installed into a new venv, run with the Swift toolchain and the system's libxml2, ICU, libcurl
/// and zlib hidden (where it fetches its BPE vocabularies too), checked by auditwheel, and driven
/// through the action's own steps.
@Suite("Distribution", .serialized)
struct DistributionTests {
    static let oracles = TestEnvironment.packageRoot.appendingPathComponent("Tests/Oracles/distribution_oracles.py").path
    static let dist = TestEnvironment.packageRoot.appendingPathComponent("dist")

    static func oracle(_ arguments: [String]) throws -> [String: Any] {
        let python = try #require(TestEnvironment.oraclePython, "\(OracleRequirement.oraclePython.reason)")
        let run = try ProcessRunner.run(python, [oracles] + arguments)
        try #require(run.status == 0, "\(arguments[0]): \(run.standardError)")
        return try #require(JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
    }

    /// The newest wheel `make dist` wrote, or nil.
    static var wheel: URL? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dist.path)) ?? []
        return names.filter { $0.hasSuffix(".whl") }.sorted().last.map { dist.appendingPathComponent($0) }
    }

    @Test("pre-commit try-repo: the docharness-check hook passes documented code and fails undocumented code, naming the finding", .requires(.oraclePython))
    func preCommitHook() throws {
        let results = try Self.oracle(["pre-commit", TestEnvironment.packageRoot.path, TestEnvironment.productsDirectory.path])
        let good = try #require(results["good"] as? [String: Any])
        let bad = try #require(results["bad"] as? [String: Any])
        #expect(good["status"] as? Int == 0, "\(good["output"] ?? "")")
        #expect((good["output"] as? String)?.contains("docharness check") == true)
        #expect(bad["status"] as? Int == 1, "\(bad["output"] ?? "")")
        let output = bad["output"] as? String ?? ""
        #expect(output.contains("shapes.py:7:1: DH100 `perimeter` has no docstring"), "\(output)")
        #expect(output.contains("Gate: FAILED"), "\(output)")
    }

    @Test("action.yml is valid Action metadata, and every README workflow is a valid workflow that uses the action", .requires(.oraclePython))
    func actionMetadata() throws {
        let results = try Self.oracle(["action-schema", TestEnvironment.packageRoot.path])
        let action = try #require(results["action.yml"] as? [String: Any])
        #expect(action["status"] as? Int == 0, "\(action["output"] ?? "")")
        let workflows = results.filter { $0.key.hasPrefix("README workflow") }
        #expect(!workflows.isEmpty, "the README has no workflow")
        for (name, value) in workflows {
            let workflow = try #require(value as? [String: Any])
            #expect(workflow["status"] as? Int == 0, "\(name): \(workflow["output"] ?? "")")
            #expect(workflow["uses_action"] as? Bool == true, "\(name) does not use the action")
        }
    }

    @Test("make dist's wheel and tarball: self-contained, honestly tagged, installable, and the action runs them",
          .enabled(if: wheel != nil, "no artefacts in dist/: run `make dist`"), .requires(.oraclePython))
    func artefacts() throws {
        let wheel = try #require(Self.wheel)
        let facts = try Self.oracle(["artefacts", TestEnvironment.packageRoot.path, Self.dist.path])
        print("dist: \(wheel.lastPathComponent); auditwheel: \(facts["auditwheel"] ?? "")")

        let members = try #require(facts["tarball_members"] as? [String: [String: Int]])
        let folder = try #require(members.keys.first { !$0.contains("/") })
        for file in ["docharness", "LICENSE", "THIRD_PARTY_LICENSES.md", "README.md"] {
            #expect(members["\(folder)/\(file)"] != nil, "the tarball lacks \(file)")
        }
        #expect(members["\(folder)/docharness"]?["mode"] == 0o755)
        let wheelMembers = try #require(facts["wheel_members"] as? [String: Int])
        #expect(wheelMembers.contains { $0.key.hasSuffix(".data/scripts/docharness") && $0.value == 0o755 })
        #expect(wheelMembers.keys.contains("docharness/__main__.py"))
        #expect((facts["metadata"] as? String)?.contains("License-Expression: MIT") == true)

        // The tag in the file name is the one auditwheel derives from the binary's symbol versions.
        let tag = try #require(wheel.lastPathComponent.split(separator: "-").last?.replacingOccurrences(of: ".whl", with: ""))
        #expect((facts["auditwheel"] as? String)?.contains("is consistent with the following platform tag: \"\(tag)\"") == true,
                "\(facts["auditwheel"] ?? "")")

        let install = try #require(facts["install"] as? [String: Any])
        #expect(install["status"] as? Int == 0, "\(install["output"] ?? "")")
        let version = try #require(facts["version"] as? String)
        #expect(version.range(of: #"^\d+\.\d+\.\d+ \(commit [0-9a-f]{12}(-dirty)?\)$"#, options: .regularExpression) != nil, "\(version)")
        #expect(facts["module_version"] as? String == version)
        let ldd = try #require(facts["ldd"] as? String)
        #expect(!ldd.contains("/opt/swift") && !ldd.contains("libxml2") && !ldd.contains("libcurl") && !ldd.contains("not found"), "\(ldd)")

        if let hidden = facts["hidden"] as? [String: Any] {
            // The corpus fails the gate (exit 1); the JUnit file proves libxml2 is linked in.
            #expect(hidden["status"] as? Int == 1, "\(hidden["stderr"] ?? "")")
            #expect((hidden["junit_bytes"] as? Int ?? 0) > 1000)
            // The vocabularies from the wheel alone, verified by their published sha256.
            let encodings = try #require(facts["encodings"] as? [String: Any])
            let output = encodings["output"] as? String ?? ""
            #expect(encodings["status"] as? Int == 0, "\(output)")
            #expect(output.components(separatedBy: "(sha256 verified)").count == 3, "\(output)")
            #expect(encodings["verify_status"] as? Int == 0, "\(encodings["verify_output"] ?? "")")
        } else {
            print("dist: no mount namespace here (unshare -m failed); the hidden-toolchain run was skipped")
        }

        let action = try Self.oracle(["action-run", TestEnvironment.packageRoot.path, wheel.path])
        let steps = try #require(action["steps"] as? [[String: Any]])
        #expect(steps.map { $0["status"] as? Int } == [0, 1], "\(steps)")
        #expect((steps.last?["stdout"] as? String)?.contains("::warning file=geometry/") == true)
        #expect((action["outputs"] as? [String: String])?["exit-code"] == "1")
        #expect((action["summary_bytes"] as? Int ?? 0) > 1000)
        #expect((action["junit_bytes"] as? Int ?? 0) > 1000 && (action["sarif_bytes"] as? Int ?? 0) > 1000)
    }
}
