/// HTML text built by appending: escaping, and the page shell every viewer page shares (inline
/// CSS, no script or font from anywhere else, so it works offline and as one file).
struct HTML {
    private(set) var text = ""

    init(capacity: Int = 1 << 14) {
        text.reserveCapacity(capacity)
    }

    /// Appends markup as it is.
    mutating func raw(_ markup: String) { text += markup }

    /// Appends text, escaped.
    mutating func escaped(_ value: String) { text += Self.escape(value) }

    /// `value` with `&`, `<`, `>`, `"` and `'` escaped.
    static func escape(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 }) else { return value }
        var result = ""
        result.reserveCapacity(value.utf8.count + 16)
        for character in value.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    /// A whole page: `title`, the navigation, then `body`.
    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title)) · DocHarness</title>
        <style>\(stylesheet)</style></head>
        <body><header><a class="brand" href="\(Links.runs)">DocHarness history</a></header>
        <main>\(body)</main></body></html>
        """
    }

    static let stylesheet = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2328;background:#fff}
        header{background:#24292f;padding:10px 24px}header a{color:#fff;text-decoration:none;font-weight:600}
        main{padding:16px 24px;max-width:1400px}h1{font-size:22px;margin:8px 0 12px}h2{font-size:17px;margin:24px 0 8px}
        table{border-collapse:collapse;margin:8px 0}th,td{padding:3px 8px;border-bottom:1px solid #d0d7de;text-align:left;vertical-align:top}
        th{background:#f6f8fa}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        .worse{color:#cf222e}.better{color:#1a7f37}.muted{color:#656d76}.pass{color:#1a7f37}.fail{color:#cf222e}
        code,pre{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}h1 code{font-size:20px}pre{background:#f6f8fa;padding:8px;overflow:auto}
        .diff .add{background:#dafbe1}.diff .del{background:#ffebe9}.charts{display:flex;flex-wrap:wrap;gap:16px}
        figure{margin:0}figcaption{font-weight:600;margin-bottom:4px}form{margin:8px 0}
        nav.filters a{margin-right:10px}.sbs{display:flex;gap:24px}.sbs>div{flex:1}
        """
}

/// Where each page is, in the server and in the one-file HTML (anchors).
enum Links {
    static var runs: String { StaticAnchors.isOn ? "#runs" : "/" }
    static func run(_ id: Int64) -> String { StaticAnchors.isOn ? "#run-\(id)" : "/runs/\(id)" }
    static func symbol(_ id: Int64, _ index: Int) -> String { StaticAnchors.isOn ? "#run-\(id)-symbol-\(index)" : "/runs/\(id)/symbols/\(index)" }
    static func compare(_ base: Int64, _ head: Int64) -> String { StaticAnchors.isOn ? "#compare-\(base)-\(head)" : "/compare?base=\(base)&head=\(head)" }
}

/// Whether links point at anchors of one file (`view --html`) rather than server paths: set by
/// the static writer for the pages it renders, on its own task.
enum StaticAnchors {
    @TaskLocal static var isOn = false
}
