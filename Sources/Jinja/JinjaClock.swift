#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The date `strftime_now` formats: injected, so a rendered prompt (and its token count) does not
/// depend on when it is rendered unless the caller wants it to.
public struct JinjaDate: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// 0 = Monday, as Python's `weekday()`: days since 1970-01-01 (a Thursday) by Hinnant's
    /// `days_from_civil`.
    var weekday: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146097 + dayOfEra - 719468
        return ((days + 3) % 7 + 7) % 7
    }

    /// Python's `strftime` for the directives chat templates use (`%d %b %Y %B %m %H %M %S %A %a %y %I %p %j %%`).
    public func format(_ pattern: String) throws(JinjaError) -> String {
        func padded(_ value: Int, _ width: Int = 2) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var output = ""
        var scalars = pattern.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "%" else {
                output.unicodeScalars.append(scalar)
                continue
            }
            guard let directive = scalars.next() else { output += "%"; break }
            switch directive {
            case "d": output += padded(day)
            case "m": output += padded(month)
            case "Y": output += String(year)
            case "y": output += padded(year % 100)
            case "B": output += Self.monthNames[month - 1]
            case "b": output += String(Self.monthNames[month - 1].prefix(3))
            case "H": output += padded(hour)
            case "I": output += padded(hour % 12 == 0 ? 12 : hour % 12)
            case "p": output += hour < 12 ? "AM" : "PM"
            case "M": output += padded(minute)
            case "S": output += padded(second)
            case "A": output += Self.dayNames[weekday]
            case "a": output += String(Self.dayNames[weekday].prefix(3))
            case "j":
                let cumulative = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
                let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
                output += padded(cumulative[month - 1] + day + (leap && month > 2 ? 1 : 0), 3)
            case "%": output += "%"
            default: throw JinjaError(.unsupported, line: 0, "the strftime directive %\(directive)")
            }
        }
        return output
    }

    /// The local date and time now, as Python's `datetime.now()` gives it to the servers' templates.
    public static func now() -> JinjaDate {
        var seconds = time(nil)
        var parts = tm()
        localtime_r(&seconds, &parts)
        return JinjaDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday),
                         hour: Int(parts.tm_hour), minute: Int(parts.tm_min), second: Int(parts.tm_sec))
    }

    /// A date written `YYYY-MM-DD` (optionally `THH:MM[:SS]`), or nil.
    public init?(iso text: String) {
        let fields = text.split(whereSeparator: { $0 == "-" || $0 == "T" || $0 == ":" || $0 == " " }).map { Int($0) }
        guard fields.count == 3 || fields.count == 5 || fields.count == 6, fields.allSatisfy({ $0 != nil }) else { return nil }
        let values = fields.map { $0! }
        guard (1 ... 12).contains(values[1]), (1 ... 31).contains(values[2]) else { return nil }
        self.init(year: values[0], month: values[1], day: values[2], hour: values.count > 3 ? values[3] : 0,
                  minute: values.count > 4 ? values[4] : 0, second: values.count > 5 ? values[5] : 0)
        guard (0 ... 23).contains(hour), (0 ... 59).contains(minute), (0 ... 60).contains(second) else { return nil }
    }

    /// A `strftime_now(format)` global for a template's context.
    public var strftimeNow: JinjaValue {
        let date = self
        return .callable(JinjaCallable(name: "strftime_now") { arguments, _ throws(JinjaError) in
            .string(try date.format(arguments.first?.string ?? ""))
        })
    }
}
