import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The last resort that ends a process whose shutdown is stuck, from threads that Swift concurrency does not use.
///
/// Swift concurrency runs on NIO's event loops here (`EventLoopExecutor`). swift-async-algorithms' `merge`, which
/// swift-service-lifecycle uses, can deadlock both of them when a group is cancelled while a merge registers its
/// continuation (apple/swift-async-algorithms#430, seen here when `cairn serve` failed to bind its port just after
/// starting): then no task runs at all, including ServiceGroup's own cancellation timeout, and the process neither
/// exits nor answers SIGTERM. A plain thread still runs, so the watchdog ends such a process with the line an
/// operator would have seen.
enum ExitWatchdog {
    /// After `seconds`, runs `cleanup`, writes `message` and exits with `status` — unless the process ended first.
    static func arm(after seconds: Int, status: Int32, message: String, cleanup: @escaping @Sendable () -> Void = {}) {
        let thread = Thread {
            sleep(UInt32(seconds))
            cleanup()
            FileHandle.standardError.write(Data("cairn: \(message)\n".utf8))
            _exit(status)
        }
        thread.start()
    }

    /// Arms the watchdog once SIGTERM or SIGINT arrives: a shutdown that has not ended `seconds` later is ended.
    static func armOnTermination(after seconds: Int, cleanup: @escaping @Sendable () -> Void) {
        for signal in [SIGTERM, SIGINT] {
            let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
            source.setEventHandler {
                arm(after: seconds, status: 1, message: "shutdown did not finish within \(seconds) seconds; exiting", cleanup: cleanup)
                source.cancel()
            }
            source.resume()
            // The source must outlive this call: it is kept for the life of the process.
            kept.append(source)
        }
    }

    /// Signal sources live as long as the process; armed once, on the main task, before anything else runs.
    nonisolated(unsafe) private static var kept: [any DispatchSourceSignal] = []
}
