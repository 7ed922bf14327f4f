#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a short-lived command and collects what it printed; the embedded server's tools are the only
/// processes Cairn starts. Built on posix_spawn and waitpid because Foundation's Process can miss a
/// child's exit on Linux and wait forever.
package enum ProcessRunner {
    package struct Result: Sendable {
        package let status: Int32
        package let output: String
    }

    package enum Failure: Error, CustomStringConvertible {
        case spawn(String, Int32)
        package var description: String {
            switch self {
            case .spawn(let c, let e): "could not run \(c): \(String(cString: strerror(e)))"
            }
        }
    }

    package static func run(_ command: String, _ arguments: [String], searchPath: String?) throws -> Result {
        var fds: [Int32] = [0, 0]
        // Close-on-exec: a process another thread spawns meanwhile (a test's second server, a server's own
        // children) must not inherit the write end, or the read below never sees end-of-file while that process
        // lives — seen as a test run that hung in `pg_ctl start`. The child's dup2 onto 1 and 2 clears the flag
        // for its own copies.
        // (Glibc's module does not export pipe2, so the flag is set right after.)
        guard pipe(&fds) == 0 else { throw Failure.spawn(command, errno) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        // Nothing else of ours goes to the child: a socket or file opened without close-on-exec (by us or a library)
        // would otherwise live on in PostgreSQL's postmaster — holding a port, and counting against the file
        // descriptors PostgreSQL must find free at start ("insufficient file descriptors available", seen once on a
        // busy test run).
        Self.closeFromThree(&actions)

        var environment: [String] = ["LC_ALL=C"]
        var index = 0
        while let entry = environ[index] {
            let text = String(cString: entry)
            if !text.hasPrefix("LC_ALL="), !(searchPath != nil && text.hasPrefix("PATH=")) { environment.append(text) }
            index += 1
        }
        if let searchPath { environment.append("PATH=\(searchPath)") }

        // `env -C /`: the server user may not be allowed into the caller's working directory.
        let argv = ["/usr/bin/env", "-C", "/", command] + arguments
        var pid: pid_t = 0
        let spawned = withCStrings(argv) { cArgs in
            withCStrings(environment) { cEnv in posix_spawn(&pid, "/usr/bin/env", &actions, nil, cArgs, cEnv) }
        }
        close(fds[1])
        guard spawned == 0 else {
            close(fds[0])
            throw Failure.spawn(command, spawned)
        }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fds[0], &buffer, buffer.count)
            if n > 0 { output.append(contentsOf: buffer[0..<n]) } else if n == 0 || errno != EINTR { break }
        }
        close(fds[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitCode: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(status: exitCode, output: String(decoding: output, as: UTF8.self))
    }

    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for p in pointers { free(p) } }
        return body(pointers)
    }

    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc's posix_spawn_file_actions_addclosefrom_np (2.34 and later), which the Glibc module does not export:
    /// found at run time, and skipped where the C library lacks it.
    private static let addCloseFrom: AddCloseFrom? = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map {
        unsafeBitCast($0, to: AddCloseFrom.self)
    }

    private static func closeFromThree(_ actions: inout posix_spawn_file_actions_t) {
        if let addCloseFrom { _ = addCloseFrom(&actions, 3) }
    }
}
