#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibXML2

/// Writes a `TestReport` as JUnit XML (the Jenkins/Ant schema CI tools read) with libxml2's
/// streaming `xmlTextWriter`: elements go to the file as they are written, so a report with
/// 100,000 cases never becomes one string in memory. The file is written to a temporary path and
/// renamed into place. Characters XML 1.0 forbids (NUL, form feed and other C0 controls,
/// U+FFFE/U+FFFF) are dropped from every value.
public enum JUnitWriter {
    /// An error writing the report.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): cannot write the JUnit report: \(reason)" }
    }

    /// Writes `report` to `path` atomically.
    public static func write(_ report: TestReport, to path: String) throws(WriteError) {
        let temporary = path + ".tmp-\(getpid())"
        guard let writer = xmlNewTextWriterFilename(temporary, 0) else {
            throw WriteError(path: path, reason: String(cString: strerror(errno)))
        }
        var stream = XMLStream(writer: writer)
        stream.document(report)
        xmlFreeTextWriter(writer)
        guard stream.ok else {
            unlink(temporary)
            throw WriteError(path: path, reason: "libxml2 reported a write error")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
    }

    /// Removes characters XML 1.0 does not allow.
    public static func sanitized(_ text: String) -> String {
        // UTF-8 fast path: only C0 bytes other than tab, LF and CR, and U+FFFE/U+FFFF
        // (EF BF BE, EF BF BF) are forbidden; most values have none.
        var copy = text
        let clean = copy.withUTF8 { bytes -> Bool in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D { return false }
                if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE { return false }
                index += 1
            }
            return true
        }
        if clean { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where isAllowed(scalar) { scalars.append(scalar) }
        return String(scalars)
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20 ... 0xD7FF, 0xE000 ... 0xFFFD, 0x10000 ... 0x10FFFF: true
        default: false
        }
    }

    /// Seconds as JUnit writes them: three decimals.
    static func seconds(_ value: Double) -> String {
        let milliseconds = Int((max(0, value) * 1000).rounded())
        let fraction = String(milliseconds % 1000)
        return "\(milliseconds / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}

/// The element-by-element writing, tracking whether libxml2 reported an error.
struct XMLStream {
    let writer: xmlTextWriterPtr
    var ok = true

    init(writer: xmlTextWriterPtr) {
        self.writer = writer
        xmlTextWriterSetIndent(writer, 1)
        _ = "  ".withCString { xmlTextWriterSetIndentString(writer, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
    }

    mutating func check(_ status: Int32) {
        if status < 0 { ok = false }
    }

    mutating func start(_ name: String) {
        check(name.withCString { xmlTextWriterStartElement(writer, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) })
    }

    mutating func end() {
        check(xmlTextWriterEndElement(writer))
    }

    mutating func attribute(_ name: String, _ value: String) {
        let clean = JUnitWriter.sanitized(value)
        check(name.withCString { namePointer in
            clean.withCString { valuePointer in
                xmlTextWriterWriteAttribute(writer, UnsafeRawPointer(namePointer).assumingMemoryBound(to: xmlChar.self),
                                            UnsafeRawPointer(valuePointer).assumingMemoryBound(to: xmlChar.self))
            }
        })
    }

    mutating func text(_ value: String) {
        let clean = JUnitWriter.sanitized(value)
        check(clean.withCString { xmlTextWriterWriteString(writer, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) })
    }

    mutating func document(_ report: TestReport) {
        check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil))
        let counts = report.counts
        start("testsuites")
        attribute("name", report.name)
        attribute("tests", String(counts.tests))
        attribute("failures", String(counts.failures))
        attribute("errors", String(counts.errors))
        attribute("skipped", String(counts.skipped))
        attribute("time", JUnitWriter.seconds(counts.duration))
        if let timestamp = report.timestamp { attribute("timestamp", timestamp) }
        for (index, suite) in report.suites.enumerated() { write(suite, id: index, timestamp: report.timestamp) }
        end()
        check(xmlTextWriterEndDocument(writer))
        check(xmlTextWriterFlush(writer))
    }

    mutating func write(_ suite: TestSuite, id: Int, timestamp: String?) {
        let counts = suite.counts
        start("testsuite")
        attribute("name", suite.name)
        attribute("id", String(id))
        attribute("tests", String(counts.tests))
        attribute("failures", String(counts.failures))
        attribute("errors", String(counts.errors))
        attribute("skipped", String(counts.skipped))
        attribute("time", JUnitWriter.seconds(counts.duration))
        if let timestamp { attribute("timestamp", timestamp) }
        if let file = suite.file { attribute("file", file) }
        properties(suite.properties)
        for testCase in suite.cases { write(testCase) }
        if let output = suite.output {
            start("system-out")
            text(output)
            end()
        }
        end()
    }

    mutating func write(_ testCase: TestCase) {
        start("testcase")
        attribute("classname", testCase.classname)
        attribute("name", testCase.name)
        if let file = testCase.file { attribute("file", file) }
        if let line = testCase.line { attribute("line", String(line)) }
        attribute("time", JUnitWriter.seconds(testCase.duration))
        properties(testCase.properties)
        switch testCase.outcome {
        case .passed:
            break
        case .failed(let failure), .error(let failure):
            let isFailure: Bool
            if case .failed = testCase.outcome { isFailure = true } else { isFailure = false }
            start(isFailure ? "failure" : "error")
            attribute("message", failure.message)
            attribute("type", failure.type)
            text(failure.details)
            end()
        case .skipped(let reason):
            start("skipped")
            if let reason { attribute("message", reason) }
            end()
        }
        if let output = testCase.output {
            start("system-out")
            text(output)
            end()
        }
        end()
    }

    mutating func properties(_ properties: [TestProperty]) {
        guard !properties.isEmpty else { return }
        start("properties")
        for property in properties {
            start("property")
            attribute("name", property.name)
            attribute("value", property.value)
            end()
        }
        end()
    }
}
