import Foundation

/// Charts as inline SVG: no library, no CDN, readable offline and in one file.
enum SVGChart {
    /// One line of a trend chart.
    struct Series {
        var name: String
        var color: String
        var values: [Double]
    }

    static let palette = ["#0969da", "#8250df", "#bf3989", "#1a7f37", "#9a6700", "#cf222e"]

    /// A line chart of `series` over `labels` (one per point, oldest first), y from `minimum` to
    /// `maximum`.
    static func trend(_ series: [Series], labels: [String], minimum: Double = 0, maximum: Double = 100, width: Int = 560, height: Int = 220) -> String {
        let left = 40.0, right = 120.0, top = 12.0, bottom = 28.0
        let plotWidth = Double(width) - left - right, plotHeight = Double(height) - top - bottom
        let count = max(labels.count, 1)
        func x(_ index: Int) -> Double { left + (count == 1 ? plotWidth / 2 : plotWidth * Double(index) / Double(count - 1)) }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - (min(max(value, minimum), maximum) - minimum) / max(maximum - minimum, 1e-9)) }
        var svg = "<svg class=\"chart trend\" role=\"img\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" xmlns=\"http://www.w3.org/2000/svg\">"
        for tick in stride(from: minimum, through: maximum, by: max((maximum - minimum) / 4, 1e-9)) {
            svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotWidth))\" y1=\"\(f(y(tick)))\" y2=\"\(f(y(tick)))\" stroke=\"#d0d7de\"/>"
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y(tick) + 4))\" font-size=\"10\" text-anchor=\"end\" fill=\"#656d76\">\(f(tick))</text>"
        }
        let step = max(1, count / 8)
        for (index, label) in labels.enumerated() where index % step == 0 || index == count - 1 {
            svg += "<text x=\"\(f(x(index)))\" y=\"\(height - 10)\" font-size=\"10\" text-anchor=\"middle\" fill=\"#656d76\">\(HTML.escape(label))</text>"
        }
        for (position, line) in series.enumerated() {
            let points = line.values.enumerated().map { "\(f(x($0.offset))),\(f(y($0.element)))" }.joined(separator: " ")
            svg += "<polyline class=\"series\" data-series=\"\(HTML.escape(line.name))\" fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"2\" points=\"\(points)\"/>"
            for (index, value) in line.values.enumerated() {
                svg += "<circle cx=\"\(f(x(index)))\" cy=\"\(f(y(value)))\" r=\"2.5\" fill=\"\(line.color)\"><title>\(HTML.escape(line.name)) \(HTML.escape(labels[index])): \(f(value))</title></circle>"
            }
            let legendY = top + 14 * Double(position) + 8
            svg += "<rect x=\"\(f(left + plotWidth + 12))\" y=\"\(f(legendY - 8))\" width=\"10\" height=\"10\" fill=\"\(line.color)\"/>"
            svg += "<text x=\"\(f(left + plotWidth + 26))\" y=\"\(f(legendY + 1))\" font-size=\"11\" fill=\"#1f2328\">\(HTML.escape(line.name))</text>"
        }
        return svg + "</svg>"
    }

    /// A histogram of `values` in `bins` equal bins (or one bar per distinct value when there are
    /// few), with the axis in `unit`.
    static func histogram(_ values: [Double], bins: Int = 20, unit: String, color: String = "#0969da", width: Int = 560, height: Int = 200) -> String {
        let left = 40.0, right = 12.0, top = 12.0, bottom = 30.0
        let plotWidth = Double(width) - left - right, plotHeight = Double(height) - top - bottom
        var svg = "<svg class=\"chart histogram\" role=\"img\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" xmlns=\"http://www.w3.org/2000/svg\">"
        guard let low = values.min(), let high = values.max() else {
            return svg + "<text x=\"\(width / 2)\" y=\"\(height / 2)\" text-anchor=\"middle\" fill=\"#656d76\">no data</text></svg>"
        }
        let span = high - low
        let count = span == 0 ? 1 : bins
        var counts = Array(repeating: 0, count: count)
        for value in values {
            let index = span == 0 ? 0 : min(count - 1, Int((value - low) / span * Double(count)))
            counts[index] += 1
        }
        let tallest = Double(counts.max() ?? 1)
        let barWidth = plotWidth / Double(count)
        for (index, number) in counts.enumerated() {
            let barHeight = plotHeight * Double(number) / tallest
            let from = low + span * Double(index) / Double(count), to = low + span * Double(index + 1) / Double(count)
            svg += "<rect class=\"bar\" x=\"\(f(left + barWidth * Double(index) + 1))\" y=\"\(f(top + plotHeight - barHeight))\" width=\"\(f(max(1, barWidth - 2)))\" height=\"\(f(barHeight))\" fill=\"\(color)\">"
            svg += "<title>\(f(from))…\(f(to)) \(HTML.escape(unit)): \(number)</title></rect>"
        }
        svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotWidth))\" y1=\"\(f(top + plotHeight))\" y2=\"\(f(top + plotHeight))\" stroke=\"#656d76\"/>"
        svg += "<text x=\"\(f(left))\" y=\"\(height - 12)\" font-size=\"10\" fill=\"#656d76\">\(f(low)) \(HTML.escape(unit))</text>"
        svg += "<text x=\"\(f(left + plotWidth))\" y=\"\(height - 12)\" font-size=\"10\" text-anchor=\"end\" fill=\"#656d76\">\(f(high)) \(HTML.escape(unit))</text>"
        svg += "<text x=\"\(f(left - 6))\" y=\"\(f(top + 8))\" font-size=\"10\" text-anchor=\"end\" fill=\"#656d76\">\(Int(tallest))</text>"
        return svg + "</svg>"
    }

    /// A number with at most one decimal.
    static func f(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
