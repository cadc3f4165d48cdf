import Foundation
import PackagePlugin

/// Writes `BuildStamp.swift` into the `docharness` target before each build: the commit the
/// binary is built from (`git describe --always --dirty`, or "unknown" outside a checkout), so
/// `docharness --version` names it. The file is rewritten only when the commit changes, so an
/// unchanged checkout rebuilds nothing.
@main
struct BuildStamp: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "Generated")
        let script = """
            set -e
            mkdir -p "$2"
            commit=$(git -C "$1" describe --always --dirty --abbrev=12 --exclude='*' 2>/dev/null || echo unknown)
            printf '/// The commit this binary was built from (written by the BuildStamp plugin).\\nlet buildCommit = "%s"\\n' "$commit" > "$2/BuildStamp.swift.new"
            if cmp -s "$2/BuildStamp.swift.new" "$2/BuildStamp.swift"; then rm "$2/BuildStamp.swift.new"; else mv "$2/BuildStamp.swift.new" "$2/BuildStamp.swift"; fi
            """
        return [
            .prebuildCommand(
                displayName: "Stamping the build with its commit",
                executable: URL(filePath: "/bin/sh"),
                arguments: ["-c", script, "BuildStamp", context.package.directoryURL.path(percentEncoded: false), output.path(percentEncoded: false)],
                outputFilesDirectory: output
            )
        ]
    }
}
