import ArgumentParser
import History

/// Where runs are recorded and read: `--history` / `--no-history` and `--history-store`.
struct HistoryOptions: ParsableArguments {
    @Flag(name: .customLong("history"), inversion: .prefixedNo,
          help: "Record this run in the history (`docharness runs`, `compare`, `view`): on by default for eval, off for check unless `history` is set in [tool.docharness]. `--history=postgres://…` or `--history FILE.sqlite` names the store.")
    var enabled: Bool?

    @Option(name: .customLong("history-store"), help: ArgumentHelp("The history store: a SQLite file (default \(HistoryLocation.defaultPath)) or a postgres:// URL.", valueName: "location"))
    var store: String?

    /// The store to record into, nil when this run is not recorded: `--no-history` wins, then
    /// `--history`/`--history-store`, then the configuration's `history`, then the command's default.
    func recordingLocation(configured: String?, onByDefault: Bool) -> HistoryLocation? {
        if enabled == false { return nil }
        if let store { return HistoryLocation(store) }
        if let configured { return HistoryLocation(configured) }
        return enabled == true || onByDefault ? .sqlite(path: HistoryLocation.defaultPath) : nil
    }

    /// The store to read (`runs`, `compare`, `view`).
    func readingLocation(configured: String?) -> HistoryLocation {
        HistoryLocation(store ?? configured ?? HistoryLocation.defaultPath)
    }

    /// The command line with `--history=LOCATION` and `--history LOCATION` (when LOCATION is a
    /// URL or a `.sqlite`/`.db` file) written as `--history --history-store LOCATION`, so that
    /// `--history` also works alone.
    static func normalized(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                result += arguments[index...]
                break
            }
            if argument.hasPrefix("--history=") {
                result += ["--history", "--history-store", String(argument.dropFirst("--history=".count))]
            } else if argument == "--history", index + 1 < arguments.count, HistoryLocation.looksLikeStore(arguments[index + 1]) {
                result += ["--history", "--history-store", arguments[index + 1]]
                index += 1
            } else {
                result.append(argument)
            }
            index += 1
        }
        return result
    }
}
