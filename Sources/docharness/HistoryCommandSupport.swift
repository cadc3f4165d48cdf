import ArgumentParser
import Foundation
import History
import Scoring

/// What `runs`, `compare` and `view` share: opening the store they read, and saying its errors.
enum HistoryCommandSupport {
    /// The store `options` (or the configuration's `history`, or the default file) names; a
    /// missing SQLite file is an error, not a new empty store.
    static func openForReading(_ options: HistoryOptions) async throws -> any HistoryStore {
        var standardError = StandardError()
        let configured = (try? ConfigurationLoader.discover(from: ".", knownCodes: RuleCatalog.codes))?.0.historyLocation
        let location = options.readingLocation(configured: configured)
        if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            print("error: no history at \(path); `docharness check --history` or `docharness eval` records runs there, or name a store with --history-store", to: &standardError)
            throw ExitCode(ExitStatus.usageError)
        }
        do {
            return try await location.open()
        } catch {
            print("error: history: \(error)", to: &standardError)
            throw ExitCode(ExitStatus.unreadableInput)
        }
    }

    /// Runs a read, turning a store error into a message and exit code 3.
    static func reading<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as HistoryError {
            var standardError = StandardError()
            print("error: history: \(error)", to: &standardError)
            throw ExitCode(ExitStatus.unreadableInput)
        }
    }
}
