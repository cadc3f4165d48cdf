import Evaluation
import Testing
import Tokenization

/// The fit of chat's constants and its leave-one-project-out validation, on rows whose truth is
/// known.
@Suite("Fitting chat's constants")
struct ChatCountingFitTests {
    /// A row of `project` whose server count is `base` + 7 per tools definition + 3 per tool call.
    static func row(_ project: String, base: Int, calls: Int, truth: (Int, Int) = (7, 3)) -> ChatCountingFit.Row {
        var terms = ChatCountTerms.none
        terms.base = base
        terms[.toolsDefined] = 1
        terms[.toolCall] = calls
        return ChatCountingFit.Row(terms: terms, recorded: base + truth.0 + truth.1 * calls,
                                   project: project, requestClass: .tools, source: "\(project)#\(base)")
    }

    @Test("recovers the constants the rows were made with, and leaves unused ones at their start")
    func recoversConstants() {
        let rows = (0..<30).map { Self.row("p\($0 % 3)", base: 50 + 13 * $0, calls: $0 % 4) }
        let fitted = ChatCountingFit.fit(rows)
        #expect(fitted.toolsDefined == 7 && fitted.toolCall == 3)
        #expect(fitted.gpt5Tools == 0 && fitted.responseFormat == 0)
        let started = ChatCountingFit.fit(rows, from: ChatCountingConstants.fitted)
        #expect(started.gpt5Tools == ChatCountingConstants.fitted.gpt5Tools, "a constant no row exercises keeps its start value")
    }

    @Test("a few odd rows do not pull the fit (least absolute error)")
    func robustToOutliers() {
        var rows = (0..<40).map { Self.row("p\($0 % 4)", base: 80 + 7 * $0, calls: 1 + $0 % 3) }
        rows += (0..<3).map { _ in Self.row("odd", base: 100, calls: 1, truth: (400, 3)) }
        let fitted = ChatCountingFit.fit(rows)
        #expect(fitted.toolsDefined == 7 && fitted.toolCall == 3)
    }

    @Test("leave-one-project-out: a project unlike the others shows its error; margins come from the other projects only")
    func crossValidation() {
        var rows = (0..<24).map { Self.row("p\($0 % 3)", base: 100 + 5 * $0, calls: $0 % 2) }
        rows += (0..<6).map { Self.row("unlike", base: 100 + 5 * $0, calls: 1, truth: (7, 13)) }
        let figures = ChatCountingFit.crossValidate(rows, limit: 22_800)
        let unlike = figures.first { $0.project == "unlike" }!
        #expect(unlike.worstUnderEstimate == 10, "10 per call more than the others taught")
        #expect(unlike.margins.tools == 0, "the other projects, each held out in turn, are counted exactly")
        #expect(unlike.worstUnderWithMargin == 10)
        let like = figures.first { $0.project == "p0" }!
        #expect(like.structuredMAPE == 0 && like.worstUnderEstimate == 0)
        #expect(like.margins.tools == 10, "with 'unlike' among the training projects, its held-out error sets the margin")
        #expect(like.worstUnderWithMargin <= 0)
    }

    @Test("margins leave out requests past the limit")
    func marginsWithinLimit() {
        let inside = Self.row("a", base: 100, calls: 0)
        let outside = Self.row("b", base: 30_000, calls: 0)
        var exact = ChatCountingConstants.zero
        exact.toolsDefined = 7
        let margins = ChatCountingFit.margins(heldOut: [(inside, inside.recorded - 5), (outside, outside.recorded - 900)], constants: exact, limit: 22_800)
        #expect(margins.tools == 5)
        let low = ChatCountingConstants.zero
        #expect(ChatCountingFit.margins(heldOut: [(inside, inside.recorded - 5)], constants: low, limit: 22_800).tools == 7,
                "the shipped constants' own under-estimate counts too")
    }
}
