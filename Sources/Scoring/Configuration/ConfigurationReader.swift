import Docstrings

/// Reads the keys of a `[tool.docharness]` table into a `ScoringConfiguration`, checking each.
struct ConfigurationReader {
    let path: String
    let knownCodes: Set<String>

    typealias KeyReader = @Sendable (inout ConfigurationReader, TOMLNode, inout ScoringConfiguration) throws(ConfigurationError) -> Void

    static let topLevelKeys: [String: KeyReader] = [
        "style": { reader, node, configuration throws(ConfigurationError) in
            let value = try reader.string(node, key: "style")
            if value == "auto" {
                configuration.style = nil
            } else if let style = DocstringStyle(rawValue: value), style != .plain {
                configuration.style = style
            } else {
                throw reader.error(node, "`style = \"\(value)\"` is not a style; write one of \"auto\", \"google\", \"numpy\", \"sphinx\", \"epytext\"")
            }
        },
        "fail-under": { reader, node, configuration throws(ConfigurationError) in
            configuration.failUnder = try reader.percentage(node, key: "fail-under")
        },
        "fail-under-symbol": { reader, node, configuration throws(ConfigurationError) in
            configuration.symbolFailUnder = try reader.percentage(node, key: "fail-under-symbol")
        },
        "coverage-fail-under": { reader, node, configuration throws(ConfigurationError) in
            configuration.coverageFailUnder = try reader.percentage(node, key: "coverage-fail-under")
        },
        "baseline": { reader, node, configuration throws(ConfigurationError) in
            let path = try reader.string(node, key: "baseline")
            guard !path.isEmpty else { throw reader.error(node, "`baseline` is empty; name a report written by `docharness check --json FILE`") }
            configuration.baseline = path
        },
        "history": { reader, node, configuration throws(ConfigurationError) in
            switch node.value {
            case .boolean(let enabled):
                configuration.history = enabled ? ScoringConfiguration.defaultHistory : nil
            case .string(let location) where !location.isEmpty:
                configuration.history = location
            default:
                throw reader.error(node, "`history` must be true, false, a SQLite file or a postgres:// URL, not a \(node.value.typeName)")
            }
        },
        "require-suppression-reason": { reader, node, configuration throws(ConfigurationError) in
            configuration.requireSuppressionReason = try reader.boolean(node, key: "require-suppression-reason")
        },
        "include": { reader, node, configuration throws(ConfigurationError) in
            configuration.include = try reader.strings(node, key: "include")
        },
        "exclude": { reader, node, configuration throws(ConfigurationError) in
            configuration.exclude = try reader.strings(node, key: "exclude")
        },
        "select": { reader, node, configuration throws(ConfigurationError) in
            configuration.select = try reader.codes(node, key: "select")
        },
        "ignore": { reader, node, configuration throws(ConfigurationError) in
            configuration.ignore = try reader.codes(node, key: "ignore")
        },
        "per-file-ignores": { reader, node, configuration throws(ConfigurationError) in
            let table = try reader.table(node, key: "per-file-ignores")
            configuration.perFileIgnores = []
            for glob in table.keys {
                configuration.perFileIgnores.append((glob, try reader.codes(table[glob]!, key: "per-file-ignores.\"\(glob)\"")))
            }
        },
        "weights": { reader, node, configuration throws(ConfigurationError) in
            for (dimension, value) in try reader.dimensions(node, key: "weights") {
                configuration.weights[dimension] = value
            }
            if configuration.weights.values.reduce(0, +) <= 0 {
                throw reader.error(node, "the weights add up to 0; give at least one dimension a positive weight")
            }
        },
        "thresholds": { reader, node, configuration throws(ConfigurationError) in
            for (dimension, value) in try reader.dimensions(node, key: "thresholds") {
                guard value >= 0 && value <= 100 else {
                    throw reader.error(node, "thresholds.\(dimension.rawValue) must be between 0 and 100")
                }
                configuration.dimensionFailUnder[dimension] = value
            }
        },
        "coverage": { reader, node, configuration throws(ConfigurationError) in
            try reader.readTable(node, key: "coverage", keys: coverageKeys, into: &configuration)
        },
        "rules": { reader, node, configuration throws(ConfigurationError) in
            try reader.readTable(node, key: "rules", keys: ruleKeys, into: &configuration)
        },
    ]

    static func flag(_ key: String, _ path: WritableKeyPath<CoverageOptions, Bool> & Sendable) -> (String, KeyReader) {
        (key, { reader, node, configuration throws(ConfigurationError) in
            configuration.coverage[keyPath: path] = try reader.boolean(node, key: "coverage.\(key)")
        })
    }

    static let coverageKeys: [String: KeyReader] = Dictionary(uniqueKeysWithValues: [
        flag("ignore-init-method", \.ignoreInitMethod), flag("ignore-init-module", \.ignoreInitModule),
        flag("ignore-magic", \.ignoreMagic), flag("ignore-module", \.ignoreModule),
        flag("ignore-nested-functions", \.ignoreNestedFunctions), flag("ignore-nested-classes", \.ignoreNestedClasses),
        flag("ignore-private", \.ignorePrivate), flag("ignore-semiprivate", \.ignoreSemiprivate),
        flag("ignore-property-decorators", \.ignorePropertyDecorators), flag("ignore-setters", \.ignoreSetters),
        flag("ignore-overloaded-functions", \.ignoreOverloadedFunctions),
        ("ignore-regex", { reader, node, configuration throws(ConfigurationError) in
            let patterns = try reader.strings(node, key: "coverage.ignore-regex")
            for pattern in patterns where (try? Regex(pattern)) == nil {
                throw reader.error(node, "`\(pattern)` is not a valid regular expression")
            }
            configuration.coverage.ignoreRegex = patterns
        } as KeyReader),
    ])

    static func number(_ key: String, _ path: WritableKeyPath<RuleOptions, Double> & Sendable) -> (String, KeyReader) {
        (key, { reader, node, configuration throws(ConfigurationError) in
            let value = try reader.number(node, key: "rules.\(key)")
            guard value >= 0 else { throw reader.error(node, "rules.\(key) must not be negative") }
            configuration.rules[keyPath: path] = value
        })
    }

    static let ruleKeys: [String: KeyReader] = Dictionary(uniqueKeysWithValues: [
        ("document-variadic-parameters", { reader, node, configuration throws(ConfigurationError) in
            configuration.rules.documentVariadicParameters = try reader.boolean(node, key: "rules.document-variadic-parameters")
        } as KeyReader),
        ("skip-summary-only-docstrings", { reader, node, configuration throws(ConfigurationError) in
            configuration.rules.skipSummaryOnlyDocstrings = try reader.boolean(node, key: "rules.skip-summary-only-docstrings")
        } as KeyReader),
        ("imperative-verbs", { reader, node, configuration throws(ConfigurationError) in
            configuration.rules.imperativeVerbs = try reader.strings(node, key: "rules.imperative-verbs").map { $0.lowercased() }
        } as KeyReader),
        ("readability-minimum-words", { reader, node, configuration throws(ConfigurationError) in
            configuration.rules.readabilityMinimumWords = Int(try reader.number(node, key: "rules.readability-minimum-words"))
        } as KeyReader),
        number("minimum-reading-ease", \.minimumReadingEase),
        number("words-per-parameter", \.wordsPerParameter),
        number("words-per-decision", \.wordsPerDecision),
        number("free-words", \.freeWords),
    ])

    mutating func read(_ table: TOMLTable, into configuration: inout ScoringConfiguration) throws(ConfigurationError) {
        for key in table.keys {
            let node = table[key]!
            guard let reader = Self.topLevelKeys[key] else {
                throw error(node, "unknown key `\(key)` in [tool.docharness]" + Suggestion.didYouMean(key, Array(Self.topLevelKeys.keys)))
            }
            try reader(&self, node, &configuration)
        }
    }

    mutating func readTable(_ node: TOMLNode, key: String, keys: [String: KeyReader], into configuration: inout ScoringConfiguration) throws(ConfigurationError) {
        let table = try table(node, key: key)
        for name in table.keys {
            let inner = table[name]!
            guard let reader = keys[name] else {
                throw error(inner, "unknown key `\(name)` in [tool.docharness.\(key)]" + Suggestion.didYouMean(name, Array(keys.keys)))
            }
            try reader(&self, inner, &configuration)
        }
    }

    // MARK: - Typed values

    func error(_ node: TOMLNode, _ message: String) -> ConfigurationError {
        ConfigurationError(path: path, line: node.line, message: message)
    }

    func string(_ node: TOMLNode, key: String) throws(ConfigurationError) -> String {
        guard case .string(let value) = node.value else { throw error(node, "`\(key)` must be a string, not a \(node.value.typeName)") }
        return value
    }

    func boolean(_ node: TOMLNode, key: String) throws(ConfigurationError) -> Bool {
        guard case .boolean(let value) = node.value else { throw error(node, "`\(key)` must be true or false, not a \(node.value.typeName)") }
        return value
    }

    func number(_ node: TOMLNode, key: String) throws(ConfigurationError) -> Double {
        switch node.value {
        case .integer(let value): return Double(value)
        case .float(let value) where value.isFinite: return value
        default: throw error(node, "`\(key)` must be a number, not a \(node.value.typeName)")
        }
    }

    func percentage(_ node: TOMLNode, key: String) throws(ConfigurationError) -> Double {
        let value = try number(node, key: key)
        guard value >= 0 && value <= 100 else { throw error(node, "`\(key) = \(value)` is out of range; write a number from 0 to 100") }
        return value
    }

    func strings(_ node: TOMLNode, key: String) throws(ConfigurationError) -> [String] {
        guard case .array(let elements) = node.value else { throw error(node, "`\(key)` must be an array of strings, like [\"a\", \"b\"]") }
        var result: [String] = []
        for element in elements {
            guard case .string(let value) = element.value else { throw error(element, "`\(key)` must contain only strings") }
            result.append(value)
        }
        return result
    }

    func table(_ node: TOMLNode, key: String) throws(ConfigurationError) -> TOMLTable {
        guard case .table(let table) = node.value else { throw error(node, "`\(key)` must be a table") }
        return table
    }

    func codes(_ node: TOMLNode, key: String) throws(ConfigurationError) -> [String] {
        let values = try strings(node, key: key)
        for code in values where !knownCodes.contains(where: { $0.hasPrefix(code) }) || code.count < 2 {
            throw error(node, "`\(code)` in `\(key)` is not a rule code or prefix" + (Suggestion.closest(to: code, in: knownCodes.sorted()).map { "; did you mean `\($0)`?" } ?? "; codes look like DH101, or a prefix like DH1"))
        }
        return values
    }

    func dimensions(_ node: TOMLNode, key: String) throws(ConfigurationError) -> [(Dimension, Double)] {
        let table = try table(node, key: key)
        var result: [(Dimension, Double)] = []
        for name in table.keys {
            guard let dimension = Dimension(rawValue: name) else {
                throw error(table[name]!, "unknown dimension `\(name)` in \(key)" + Suggestion.didYouMean(name, Dimension.allCases.map(\.rawValue)))
            }
            let value = try number(table[name]!, key: "\(key).\(name)")
            guard value >= 0 else { throw error(table[name]!, "\(key).\(name) must not be negative") }
            // 1.7e308 made the weighted sum infinite and the scores NaN (issue 23).
            guard value.isFinite, value <= 1_000_000 else { throw error(table[name]!, "\(key).\(name) must be at most 1000000, got \(value)") }
            result.append((dimension, value))
        }
        return result
    }
}
