import DocHarnessTestSupport
import Foundation
import Testing

/// Every relative link of the README, the changelog and `docs/` reaches a file of the repository,
/// and a link to a section reaches a heading of that file (as GitHub names headings). A section
/// once went missing while the README and docs/eval.md still linked to it.
@Suite struct DocumentationLinkTests {
    static let root = TestEnvironment.packageRoot

    static var documents: [URL] {
        let docs = root.appendingPathComponent("docs")
        let pages = (try? FileManager.default.contentsOfDirectory(at: docs, includingPropertiesForKeys: nil)) ?? []
        return [root.appendingPathComponent("README.md"), root.appendingPathComponent("CHANGELOG.md")]
            + pages.filter { $0.pathExtension == "md" }.sorted { $0.path < $1.path }
    }

    @Test func everyRelativeLinkReachesAFileAndItsSection() throws {
        var broken: [String] = []
        var checked = 0
        for document in Self.documents {
            let text = try String(contentsOf: document, encoding: .utf8)
            for (line, target) in Self.links(in: text) {
                if target.contains("://") || target.hasPrefix("mailto:") { continue }
                let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let file = parts[0].isEmpty ? document : document.deletingLastPathComponent().appendingPathComponent(parts[0]).standardizedFileURL
                let name = "\(document.lastPathComponent):\(line): \(target)"
                checked += 1
                guard FileManager.default.fileExists(atPath: file.path) else {
                    broken.append("\(name): no such file")
                    continue
                }
                guard parts.count == 2, file.pathExtension == "md" else { continue }
                let anchors = Self.anchors(in: try String(contentsOf: file, encoding: .utf8))
                if !anchors.contains(parts[1]) { broken.append("\(name): no heading has this anchor") }
            }
        }
        #expect(checked > 20)
        #expect(broken.isEmpty, "\(broken.joined(separator: "\n"))")
    }

    @Test func anchorsAreNamedAsGitHubNamesThem() {
        #expect(Self.anchors(in: "## Open-weight models (`--tokenizer FILE.gguf|tokenizer.json|NAME`)\n")
            == ["open-weight-models---tokenizer-filegguftokenizerjsonname"])
        #expect(Self.anchors(in: "# A\n## A\n```\n# not a heading\n```\n") == ["a", "a-1"])
    }

    /// `[text](target)` links outside code blocks and code spans, with their lines.
    static func links(in text: String) -> [(Int, String)] {
        var found: [(Int, String)] = []
        var inFence = false
        for (number, line) in text.components(separatedBy: "\n").enumerated() {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") { inFence.toggle() }
            if inFence { continue }
            // Code spans are not links.
            let prose = line.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined(separator: " ")
            var rest = Substring(prose)
            while let open = rest.range(of: "](") {
                let after = rest[open.upperBound...]
                guard let close = after.firstIndex(of: ")") else { break }
                let target = String(after[..<close])
                if !target.isEmpty, !target.contains(" ") { found.append((number + 1, target)) }
                rest = after[close...]
            }
        }
        return found
    }

    /// The anchors GitHub gives a file's headings: lowercased, punctuation other than `-` and `_`
    /// dropped, spaces as `-`, a repeated one numbered.
    static func anchors(in text: String) -> Set<String> {
        var anchors = Set<String>()
        var seen: [String: Int] = [:]
        var inFence = false
        for line in text.components(separatedBy: "\n") {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") { inFence.toggle() }
            guard !inFence, line.hasPrefix("#") else { continue }
            let title = line.drop { $0 == "#" }
            guard title.first == " " else { continue }
            var slug = ""
            for character in title.trimmingCharacters(in: .whitespaces).lowercased() {
                if character.isLetter || character.isNumber || character == "-" || character == "_" {
                    slug.append(character)
                } else if character == " " {
                    slug.append("-")
                }
            }
            let count = seen[slug, default: 0]
            seen[slug] = count + 1
            anchors.insert(count == 0 ? slug : "\(slug)-\(count)")
        }
        return anchors
    }
}
