import Foundation

/// The targets of `Package.swift` as its text declares them: enough of the manifest to draw the
/// module map and check imports, read without running SwiftPM (which would contend for the build
/// folder while `swift test` holds it).
struct PackageManifest {
    /// A declared target.
    struct Target {
        /// How it is declared.
        enum Kind: String {
            case target, executableTarget, systemLibrary, testTarget
        }

        var name: String
        var kind: Kind
        /// First-party dependencies (quoted target names), in declaration order.
        var dependencies: [String]
        /// External products (`.product(name: …)`), in declaration order.
        var products: [String]
        /// The comment lines right above the declaration, joined.
        var summary: String
        /// The folder of its sources, relative to the package root.
        var path: String
    }

    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    var targets: [Target] = []

    init(path: String) throws {
        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        var index = 0
        while index < lines.count {
            let trimmed = lines[index].trimmingCharacters(in: .whitespaces)
            guard let kind = Target.Kind.allCases.first(where: { trimmed.hasPrefix(".\($0.rawValue)(") }) else {
                index += 1
                continue
            }
            var summary: [String] = []
            var above = index - 1
            while above >= 0, case let line = lines[above].trimmingCharacters(in: .whitespaces), line.hasPrefix("//") {
                summary.insert(String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces), at: 0)
                above -= 1
            }
            var block = ""
            var depth = 0
            repeat {
                block += lines[index] + "\n"
                depth += lines[index].filter { $0 == "(" }.count - lines[index].filter { $0 == ")" }.count
                index += 1
            } while depth > 0 && index < lines.count
            guard let name = Self.string(after: "name:", in: block) else {
                throw ParseError(description: "Package.swift: a .\(kind.rawValue)( without a name near line \(index)")
            }
            let (dependencies, products) = Self.dependencies(in: block)
            let folder = kind == .testTarget ? "Tests/" + name : "Sources/" + name
            targets.append(Target(name: name, kind: kind, dependencies: dependencies, products: products,
                                  summary: summary.joined(separator: " "), path: Self.string(after: "path:", in: block) ?? folder))
        }
        guard !targets.isEmpty else { throw ParseError(description: "Package.swift: no targets found") }
    }

    /// Whether `name` reaches `other` through first-party dependencies.
    func dependsTransitively(_ name: String, on other: String) -> Bool {
        var seen: Set<String> = []
        var pending = [name]
        while let next = pending.popLast() {
            guard let target = targets.first(where: { $0.name == next }) else { continue }
            for dependency in target.dependencies where seen.insert(dependency).inserted {
                if dependency == other { return true }
                pending.append(dependency)
            }
        }
        return false
    }

    /// The first string literal after `label` in `block`.
    static func string(after label: String, in block: String) -> String? {
        guard let range = block.range(of: label) else { return nil }
        let rest = block[range.upperBound...]
        guard let open = rest.firstIndex(of: "\"") else { return nil }
        let afterOpen = rest.index(after: open)
        guard let close = rest[afterOpen...].firstIndex(of: "\"") else { return nil }
        return String(rest[afterOpen ..< close])
    }

    /// The quoted target names and the product names of a block's `dependencies: [ … ]`.
    static func dependencies(in block: String) -> ([String], [String]) {
        guard let start = block.range(of: "dependencies: [") else { return ([], []) }
        var depth = 1
        var end = start.upperBound
        while end < block.endIndex, depth > 0 {
            if block[end] == "[" { depth += 1 } else if block[end] == "]" { depth -= 1 }
            end = block.index(after: end)
        }
        var text = String(block[start.upperBound ..< block.index(before: end)])
        var products: [String] = []
        while let product = text.range(of: ".product(") {
            guard let close = text[product.upperBound...].firstIndex(of: ")") else { break }
            if let name = string(after: "name:", in: String(text[product.upperBound ..< close])) { products.append(name) }
            text.removeSubrange(product.lowerBound ... close)
        }
        let names = text.split(separator: "\"", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        return (names, products)
    }
}

extension PackageManifest.Target.Kind: CaseIterable {}
