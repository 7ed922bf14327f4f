import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A `cairn` executable started as a real process, with its output in files, for the tests that must see
/// what an operator sees: start-up lines, exit codes, signals and kill -9.
package final class CairnProcess: @unchecked Sendable {
    package static let executable = TestPostgres.repositoryRoot.appendingPathComponent(".build/debug/cairn").path

    package let pid: pid_t
    package let stdoutPath: String
    package let stderrPath: String
    package let port: Int
    private var exitStatus: Int32?

    /// Starts `cairn ARGS` with the given environment added to a minimal one.
    package convenience init(_ arguments: [String], environment: [String: String], port: Int) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable) else {
            throw TestSetupError("\(Self.executable) is missing: run `swift build --build-tests` before `swift test --skip-build`")
        }
        try self.init(program: Self.executable, arguments, environment: environment, port: port)
    }

    /// Starts any program the same way (a client test suite, for example).
    package static func spawn(_ program: String, _ arguments: [String], environment: [String: String]) throws -> CairnProcess {
        try CairnProcess(program: program, arguments, environment: environment, port: 0)
    }

    private init(program: String, _ arguments: [String], environment: [String: String], port: Int) throws {
        let tag = UUID().uuidString.prefix(8)
        stdoutPath = NSTemporaryDirectory() + "cairn-\(tag).out"
        stderrPath = NSTemporaryDirectory() + "cairn-\(tag).err"
        self.port = port
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": NSTemporaryDirectory()]
        for (k, v) in environment { env[k] = v }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = [program] + arguments
        let envp = env.map { "\($0.key)=\($0.value)" }
        var child: pid_t = 0
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = envp.map { strdup($0) } + [nil]
        defer { for pointer in cArgs + cEnv { free(pointer) } }
        let rc = posix_spawn(&child, program, &actions, nil, cArgs, cEnv)
        guard rc == 0 else { throw TestSetupError("posix_spawn failed: \(rc)") }
        pid = child
    }

    package var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    package var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
    package var endpoint: String { "http://127.0.0.1:\(port)" }

    /// The exit status once the process has ended (128+signal for a signal), or nil while it runs.
    package func poll() -> Int32? {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        let r = waitpid(pid, &status, WNOHANG)
        guard r == pid else { return nil }
        exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return exitStatus
    }

    /// Waits for the process to end, up to `timeout`.
    package func waitForExit(timeout: Duration = .seconds(60)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let s = poll() { return s }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestSetupError("cairn (pid \(pid)) did not exit within \(timeout)\nstdout:\n\(stdout)\nstderr:\n\(stderr)")
    }

    /// Waits until /readyz answers 200, or fails with what the process printed.
    package func waitUntilReady(timeout: Duration = .seconds(90)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let s = poll() { throw TestSetupError("cairn exited with \(s) before it was ready\nstdout:\n\(stdout)\nstderr:\n\(stderr)") }
            if (try? await HTTPProbe.status(host: "127.0.0.1", port: port, path: "/readyz")) == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestSetupError("cairn was not ready within \(timeout)\nstdout:\n\(stdout)\nstderr:\n\(stderr)")
    }

    package func signal(_ sig: Int32) { kill(pid, sig) }

    /// Stops the process (SIGTERM, then SIGKILL) if it still runs; for cleanup paths.
    package func stop() async {
        guard poll() == nil else { return }
        kill(pid, SIGTERM)
        if (try? await waitForExit(timeout: .seconds(30))) == nil {
            kill(pid, SIGKILL)
            _ = try? await waitForExit(timeout: .seconds(10))
        }
    }

    /// The same as `stop()`, but blocking, for `defer`: a cleanup task launched from `defer` can lose the race
    /// with the test process's exit and leave the server (and its PostgreSQL) running.
    package func stopNow() {
        guard poll() == nil else { return }
        kill(pid, SIGTERM)
        for _ in 0..<600 where poll() == nil { usleep(50_000) }
        if poll() == nil {
            kill(pid, SIGKILL)
            for _ in 0..<200 where poll() == nil { usleep(50_000) }
        }
    }

    /// A port nothing listens on right now.
    package static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}
