/// A test report any stage can fill — docstring scores, estimator benchmarks, prompt replays —
/// and every writer (JUnit, Markdown, SARIF) can read without knowing which stage produced it.
public struct TestReport: Sendable, Hashable {
    /// The report's name (`docharness check`).
    public var name: String
    /// The suites, in order.
    public var suites: [TestSuite]
    /// ISO 8601 time the run started, or nil.
    public var timestamp: String?

    /// Creates a report.
    public init(name: String, suites: [TestSuite], timestamp: String? = nil) {
        self.name = name
        self.suites = suites
        self.timestamp = timestamp
    }

    /// Totals over all suites.
    public var counts: TestCounts { suites.reduce(TestCounts()) { $0 + $1.counts } }
}

/// A group of test cases (a file, for `check`).
public struct TestSuite: Sendable, Hashable {
    /// The suite's name.
    public var name: String
    /// The file the suite is about, or nil.
    public var file: String?
    /// Seconds the suite took.
    public var duration: Double
    /// Name-value pairs (scores, settings).
    public var properties: [TestProperty]
    /// The cases, in order.
    public var cases: [TestCase]
    /// Free text shown as `system-out`, or nil.
    public var output: String?

    /// Creates a suite.
    public init(name: String, file: String? = nil, duration: Double = 0, properties: [TestProperty] = [],
                cases: [TestCase], output: String? = nil) {
        self.name = name
        self.file = file
        self.duration = duration
        self.properties = properties
        self.cases = cases
        self.output = output
    }

    /// Counts of the suite's cases.
    public var counts: TestCounts {
        var counts = TestCounts()
        for testCase in cases {
            counts.tests += 1
            counts.duration += testCase.duration
            switch testCase.outcome {
            case .passed: break
            case .failed: counts.failures += 1
            case .error: counts.errors += 1
            case .skipped: counts.skipped += 1
            }
        }
        counts.duration = max(counts.duration, duration)
        return counts
    }
}

/// One test case (a symbol, for `check`).
public struct TestCase: Sendable, Hashable {
    /// The class name CI tools group by (a dotted module path for `check`).
    public var classname: String
    /// The case's name, unique within its class.
    public var name: String
    /// The file, or nil.
    public var file: String?
    /// The 1-based line, or nil.
    public var line: Int?
    /// Seconds the case took.
    public var duration: Double
    /// What happened.
    public var outcome: TestOutcome
    /// Name-value pairs (scores).
    public var properties: [TestProperty]
    /// Free text shown as `system-out`, or nil.
    public var output: String?

    /// Creates a case.
    public init(classname: String, name: String, file: String? = nil, line: Int? = nil, duration: Double = 0,
                outcome: TestOutcome, properties: [TestProperty] = [], output: String? = nil) {
        self.classname = classname
        self.name = name
        self.file = file
        self.line = line
        self.duration = duration
        self.outcome = outcome
        self.properties = properties
        self.output = output
    }
}

/// The outcome of a test case.
public enum TestOutcome: Sendable, Hashable {
    /// It passed.
    case passed
    /// An assertion failed (for `check`: the symbol falls under the gate).
    case failed(TestFailure)
    /// It could not run (for `check`: the file could not be read or parsed).
    case error(TestFailure)
    /// It was not run, with an optional reason.
    case skipped(String?)
}

/// Why a case failed or errored.
public struct TestFailure: Sendable, Hashable {
    /// One line.
    public var message: String
    /// A category (a rule code, an error kind).
    public var type: String
    /// The full text (the findings, one per line).
    public var details: String

    /// Creates a failure.
    public init(message: String, type: String, details: String) {
        self.message = message
        self.type = type
        self.details = details
    }
}

/// A name-value pair.
public struct TestProperty: Sendable, Hashable {
    public var name: String
    public var value: String

    /// Creates a property.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// Numbers of tests by outcome.
public struct TestCounts: Sendable, Hashable {
    public var tests = 0
    public var failures = 0
    public var errors = 0
    public var skipped = 0
    public var duration = 0.0

    /// Zero counts.
    public init() {}

    static func + (lhs: TestCounts, rhs: TestCounts) -> TestCounts {
        var sum = lhs
        sum.tests += rhs.tests
        sum.failures += rhs.failures
        sum.errors += rhs.errors
        sum.skipped += rhs.skipped
        sum.duration += rhs.duration
        return sum
    }
}
