import Foundation
import History

/// Records a run in the background while the command writes its output, and says afterwards
/// where it went (or why it could not).
struct HistoryRecording {
    private let task: Task<Result<Int64, HistoryError>, Never>
    private let location: HistoryLocation

    /// Starts recording `record()` into `location`; the record is built on the task too.
    init(into location: HistoryLocation, _ record: @escaping @Sendable () -> RunRecord) {
        self.location = location
        task = Task.detached {
            do {
                let store = try await location.open()
                return .success(try await store.record(record()))
            } catch let error as HistoryError {
                return .failure(error)
            } catch {
                return .failure(HistoryError("\(location): \(error)"))
            }
        }
    }

    /// Waits for the recording; returns the error message, nil when the run was recorded (and
    /// says so on standard error).
    func finish() async -> String? {
        switch await task.value {
        case .success(let id):
            FileHandle.standardError.write(Data("history: run \(id) recorded in \(location)\n".utf8))
            return nil
        case .failure(let error):
            return "history: \(error.description)"
        }
    }
}
