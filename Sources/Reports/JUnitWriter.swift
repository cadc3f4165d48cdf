#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Files
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
        let suites = report.suites
        try write(name: report.name, timestamp: report.timestamp, counts: report.counts, suiteCount: suites.count,
                  to: path) { suites[$0] }
    }

    /// Writes a report whose suites are made as they are written, to `path` atomically. Suites
    /// are made (`suite(index)`) and written to memory by libxml2 on every core, a piece of
    /// about `suitesPerPiece` at a time; each piece goes into the file, through the file's own
    /// writer, as soon as the pieces before it have. The bytes are the same whatever the
    /// pieces. `counts` are the totals of the suites, which the root element carries before any
    /// suite is made.
    public static func write(name: String, timestamp: String?, counts: TestCounts, suiteCount: Int, to path: String,
                             suitesPerPiece: Int = 24, suite: @escaping @Sendable (Int) -> TestSuite) throws(WriteError) {
        do throws(AtomicFile.WriteError) {
            try AtomicFile.write(to: path) { output throws(AtomicFile.WriteError) in
                try writeDocument(to: output, path: path, name: name, timestamp: timestamp, counts: counts,
                                  suiteCount: suiteCount, suitesPerPiece: suitesPerPiece, suite: suite)
            }
        } catch {
            throw WriteError(path: path, reason: error.reason)
        }
    }

    /// Writes a report whose suites are made as they are written to standard output (`check
    /// --output-format junit`); the same bytes as writing it to a file.
    public static func writeToStandardOutput(name: String, timestamp: String?, counts: TestCounts, suiteCount: Int,
                                             suitesPerPiece: Int = 24, suite: @escaping @Sendable (Int) -> TestSuite) {
        let output = FileDescriptorOutput(descriptor: 1)
        try? writeDocument(to: output, path: "standard output", name: name, timestamp: timestamp, counts: counts,
                           suiteCount: suiteCount, suitesPerPiece: suitesPerPiece, suite: suite)
    }

    /// The document, written by libxml2 to `AtomicFile`'s temporary file through a callback.
    private static func writeDocument(to output: FileDescriptorOutput, path: String, name: String, timestamp: String?,
                                      counts: TestCounts, suiteCount: Int, suitesPerPiece: Int,
                                      suite: @escaping @Sendable (Int) -> TestSuite) throws(AtomicFile.WriteError) {
        let context = Unmanaged.passUnretained(output).toOpaque()
        guard let buffer = xmlOutputBufferCreateIO(writeToOutput, nil, context, nil), let writer = xmlNewTextWriter(buffer) else {
            throw AtomicFile.WriteError(path: path, reason: "libxml2 could not create a writer")
        }
        var stream = XMLStream(writer: writer)
        stream.begin(name: name, counts: counts, timestamp: timestamp)
        let file = RawPieceSink(stream: stream)
        ParallelMap.inOrder(rangesOf: suiteCount, perPiece: suitesPerPiece) { range in
            SuitePiece(range: range, first: range.lowerBound == 0, timestamp: timestamp, suite: suite)
        } consume: { piece in
            file.append(piece)
        }
        stream = file.stream
        stream.end()
        stream.check(xmlTextWriterEndDocument(writer))
        stream.check(xmlTextWriterFlush(writer))
        xmlFreeTextWriter(writer)
        // A failed write is the output's to report (with its errno); anything else is libxml2's.
        if !stream.ok, output.failure == nil {
            throw AtomicFile.WriteError(path: path, reason: "libxml2 reported a write error")
        }
    }

    /// Removes characters XML 1.0 does not allow.
    public static func sanitized(_ text: String) -> String {
        var copy = text
        if copy.withUTF8({ isAllowed($0) }) { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where isAllowed(scalar) { scalars.append(scalar) }
        return String(scalars)
    }

    /// Whether UTF-8 bytes hold nothing XML 1.0 forbids: no C0 byte other than tab, LF and CR,
    /// and no U+FFFE/U+FFFF (EF BF BE, EF BF BF). Most values have none.
    static func isAllowed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Tab, LF and CR stop the scan too; the loop lets them through.
        var index = ByteScan.prefixLength(bytes, withoutControlsOr: 0xEF, 0xEF)
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D { return false }
            if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE { return false }
            index += 1
        }
        return true
    }

    /// Calls `body` with `text` as a C string, without the characters XML 1.0 forbids: the
    /// string's own bytes when it has none (almost always), a cleaned copy otherwise.
    static func withSanitizedCString<Result>(_ text: String, _ body: (UnsafePointer<CChar>) -> Result) -> Result {
        let clean = text.utf8.withContiguousStorageIfAvailable { isAllowed($0) } ?? false
        return (clean ? text : sanitized(text)).withCString(body)
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20 ... 0xD7FF, 0xE000 ... 0xFFFD, 0x10000 ... 0x10FFFF: true
        default: false
        }
    }

    /// Seconds as JUnit writes them: three decimals.
    static func seconds(_ value: Double) -> String {
        if value <= 0 { return "0.000" }
        let milliseconds = Int((max(0, value) * 1000).rounded())
        let fraction = String(milliseconds % 1000)
        return "\(milliseconds / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}

/// libxml2's output callback: the bytes go to the `FileDescriptorOutput` in `context`.
private func writeToOutput(_ context: UnsafeMutableRawPointer?, _ bytes: UnsafePointer<CChar>?, _ length: Int32) -> Int32 {
    guard let context else { return -1 }
    let output = Unmanaged<FileDescriptorOutput>.fromOpaque(context).takeUnretainedValue()
    output.write(UnsafeRawBufferPointer(start: bytes, count: Int(length)))
    return output.failure == nil ? length : -1
}

/// The element-by-element writing, tracking whether libxml2 reported an error.
struct XMLStream {
    let writer: xmlTextWriterPtr
    var ok = true

    /// Per open element: whether it has child elements (its end tag then goes on a line of
    /// its own).
    private var hasChildren: [Bool] = []

    /// The layout is libxml2's indented one (two spaces a level, each element on its own line,
    /// text inline), but the whitespace is written here, one raw write per line: libxml2's own
    /// indentation writes each level separately, and that was a sixth of the report's time.
    init(writer: xmlTextWriterPtr) {
        self.writer = writer
        xmlTextWriterSetIndent(writer, 0)
    }

    /// Whitespace: an optional newline, then two spaces per level.
    private mutating func whitespace(newline: Bool, levels: Int) {
        let start = Self.newlineAndSpaces.utf8Start + (newline ? 0 : 1)
        let length = (newline ? 1 : 0) + 2 * min(levels, Self.maximumLevels)
        guard length > 0 else { return }
        check(xmlTextWriterWriteRawLen(writer, start, Int32(length)))
    }

    private static let maximumLevels = 16
    private static let newlineAndSpaces: StaticString = "\n                                "

    mutating func check(_ status: Int32) {
        if status < 0 { ok = false }
    }

    /// Element and attribute names are literals: their bytes are handed to libxml2 as they are.
    mutating func start(_ name: StaticString) {
        if let parentHasChildren = hasChildren.last {
            // The parent's start tag is closed by this write when this is its first child.
            whitespace(newline: !parentHasChildren, levels: hasChildren.count)
            hasChildren[hasChildren.count - 1] = true
        }
        hasChildren.append(false)
        check(xmlTextWriterStartElement(writer, name.utf8Start))
    }

    mutating func end() {
        if hasChildren.removeLast() { whitespace(newline: false, levels: hasChildren.count) }
        check(xmlTextWriterEndElement(writer))
        // After the root, `xmlTextWriterEndDocument` writes the last newline.
        if !hasChildren.isEmpty { whitespace(newline: true, levels: 0) }
    }


    mutating func attribute(_ name: StaticString, _ value: String) {
        let writer = writer
        let status = JUnitWriter.withSanitizedCString(value) { valuePointer in
            xmlTextWriterWriteAttribute(writer, name.utf8Start, UnsafeRawPointer(valuePointer).assumingMemoryBound(to: xmlChar.self))
        }
        check(status)
    }

    mutating func text(_ value: String) {
        let writer = writer
        check(JUnitWriter.withSanitizedCString(value) { xmlTextWriterWriteString(writer, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) })
    }

    /// The XML declaration and the root element's start, with the totals.
    mutating func begin(name: String, counts: TestCounts, timestamp: String?) {
        check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil))
        start("testsuites")
        attribute("name", name)
        attribute("tests", String(counts.tests))
        attribute("failures", String(counts.failures))
        attribute("errors", String(counts.errors))
        attribute("skipped", String(counts.skipped))
        attribute("time", JUnitWriter.seconds(counts.duration))
        if let timestamp { attribute("timestamp", timestamp) }
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
        // By index: iterating would copy every case (its strings retained and released).
        for index in suite.cases.indices { write(suite.cases[index]) }
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
        for index in properties.indices {
            start("property")
            attribute("name", properties[index].name)
            attribute("value", properties[index].value)
            end()
        }
        end()
    }
}

/// Suites written by their own libxml2 writer into memory, as they would appear inside the
/// root element of the file. The writer opens a root element of its own first, so that libxml2
/// indents the suites as it would there; those first bytes are skipped.
final class SuitePiece: @unchecked Sendable {
    private let buffer: xmlBufferPtr
    /// Where the suites' bytes start in `buffer`.
    private let start: Int
    /// Whether libxml2 reported no error.
    let ok: Bool

    init(range: Range<Int>, first: Bool, timestamp: String?, suite: (Int) -> TestSuite) {
        buffer = xmlBufferCreateSize(1 << 16)
        let writer = xmlNewTextWriterMemory(buffer, 0)!
        var stream = XMLStream(writer: writer)
        // The declaration names UTF-8 as the file's does; without it libxml2 would write every
        // non-ASCII character of an attribute as a character reference.
        stream.check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil))
        stream.start("testsuites")
        stream.check(xmlTextWriterFlush(writer))
        let prefix = Int(xmlBufferLength(buffer))
        for index in range { stream.write(suite(index), id: index, timestamp: timestamp) }
        stream.check(xmlTextWriterFlush(writer))
        xmlFreeTextWriter(writer)
        ok = stream.ok
        // Skipped: the declaration and `<testsuites`, then the `>` and newline written when
        // the first suite starts. In the file, the root's `>` is already written when the
        // first piece comes, and the newline belongs only before the first suite.
        start = prefix + (first ? 1 : 2)
    }

    deinit {
        xmlBufferFree(buffer)
    }

    /// The suites' bytes.
    var bytes: UnsafeRawBufferPointer {
        let length = Int(xmlBufferLength(buffer))
        guard length > start, let content = xmlBufferContent(buffer) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: content + start, count: length - start)
    }
}

/// The file's writer, to which the pieces are appended in order (by one thread at a time).
final class RawPieceSink: @unchecked Sendable {
    private(set) var stream: XMLStream

    init(stream: XMLStream) {
        self.stream = stream
    }

    func append(_ piece: SuitePiece) {
        if !piece.ok { stream.ok = false }
        let bytes = piece.bytes
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        stream.check(xmlTextWriterWriteRawLen(stream.writer, base.assumingMemoryBound(to: xmlChar.self), Int32(bytes.count)))
    }
}
