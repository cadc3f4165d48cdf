import Generation
import PythonSyntax
import Scoring
import Files

/// The rescore stage of `eval`: the generated docstrings patched into copies of their files, and
/// each project scored again with the same rules and its own style.
struct Rescoring {
    /// Each project before and after.
    var projects: [ProjectComparison] = []
    /// The scores with the generated docstrings, by `DocstringTarget.identifier`.
    var scores: [String: SymbolResult] = [:]

    /// Scores `selection`'s projects with `edits` applied.
    init(selection: GenerationSelection, edits: DocstringEdits) {
        for project in selection.projects {
            let afterFiles = project.files.map { file -> SourceFile in
                guard case .success(let bytes) = FileBytes.read(path: file.path), let patched = try? edits.patched(file, bytes: bytes) else { return file }
                return SourceFile.parse(bytes: patched, path: file.path)
            }
            var configuration = ScoringConfiguration()
            configuration.style = project.check.projectStyle
            let after = Scorer(configuration: configuration).check(afterFiles)
            for result in after.files { for symbol in result.symbols { scores[result.path + "::" + symbol.qualname] = symbol } }
            projects.append(ProjectComparison(
                path: project.path, style: project.check.projectStyle.rawValue,
                before: ProjectFigures(overall: project.check.project.overall, coverage: project.check.project.coverage, findings: project.check.project.findings),
                after: ProjectFigures(overall: after.project.overall, coverage: after.project.coverage, findings: after.project.findings)))
        }
    }
}
