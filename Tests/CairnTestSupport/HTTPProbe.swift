import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A minimal blocking HTTP/1.1 client over a plain socket, for talking to a `cairn` child process: enough
/// for readiness probes and signed calls, and free of URLSession's proxy and keep-alive surprises.
package enum HTTPProbe {
    package struct Reply: Sendable {
        package let status: Int
        package let headers: [String: String]
        package let body: String
    }

    package static func status(host: String, port: Int, path: String) async throws -> Int {
        try await request(host: host, port: port, method: "GET", path: path, headers: [:], body: "").status
    }

    package static func request(
        host: String, port: Int, method: String, path: String, headers: [String: String], body: String
    ) async throws -> Reply {
        // The socket calls block, so they run on a thread of their own: on Swift's cooperative pool (as many
        // threads as cores) a few waiting probes would stall every other test in the process.
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Reply, any Error>) in
            let thread = Thread {
                done.resume(with: Result { try send(host: host, port: port, method: method, path: path, headers: headers, body: body) })
            }
            thread.start()
        }
    }

    private static func send(host: String, port: Int, method: String, path: String, headers: [String: String], body: String) throws -> Reply {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestSetupError("socket failed") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr(host)
        addr.sin_port = UInt16(port).bigEndian
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else { throw TestSetupError("connect to \(host):\(port) failed") }
        var head = "\(method) \(path) HTTP/1.1\r\nConnection: close\r\nContent-Length: \(body.utf8.count)\r\n"
        if headers["host"] == nil && headers["Host"] == nil { head += "Host: \(host):\(port)\r\n" }
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        let bytes = Array((head + "\r\n" + body).utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw TestSetupError("write failed") }
            sent += n
        }
        var data: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fd, &buf, buf.count)
            if n <= 0 { break }
            data += buf[0..<n]
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw TestSetupError("no HTTP response") }
        let lines = text[..<split.lowerBound].split(separator: "\r\n")
        let status = lines.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        var hs: [String: String] = [:]
        for l in lines.dropFirst() {
            if let c = l.firstIndex(of: ":") { hs[l[..<c].lowercased()] = l[l.index(after: c)...].trimmingCharacters(in: .whitespaces) }
        }
        return Reply(status: status, headers: hs, body: String(text[split.upperBound...]))
    }
}
