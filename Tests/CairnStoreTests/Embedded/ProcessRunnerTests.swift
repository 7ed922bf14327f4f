import CairnStore
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What a process Cairn starts (PostgreSQL's tools and server) inherits from it: standard input, output and error,
/// and nothing else.
@Suite struct ProcessRunnerTests {
    @Test func aChildInheritsNoFileOfOursButItsStandardStreams() throws {
        // Opened without close-on-exec, as a library might open one, at a number no shell uses for itself.
        let opened = open("/etc/hostname", O_RDONLY)
        let fd = dup2(opened, 777)
        close(opened)
        #expect(fd == 777)
        defer { close(fd) }
        // The shell lists its open descriptors before it opens anything of its own.
        let result = try ProcessRunner.run("/bin/sh", ["-c", "ls /proc/$$/fd"], searchPath: nil)
        #expect(result.status == 0, "\(result.output)")
        let open = Set(result.output.split(whereSeparator: \.isNewline).map(String.init))
        #expect(!open.contains(String(fd)), "the child holds our descriptor \(fd): \(open.sorted())")
        #expect(open.isSuperset(of: ["0", "1", "2"]))
    }
}
