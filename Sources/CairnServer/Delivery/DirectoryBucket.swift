package import Foundation
import NIOPosix

/// A bucket that is a directory: `ROOT/BUCKET/KEY`, the default for every bucket name. Object metadata (a
/// digest's signature) sits beside the object in `KEY.metadata.json`, since plain files have none.
///
/// Writes go to a temporary name, are flushed to disk, then renamed into place, so a crash leaves either the
/// whole file or none of it; delivery progress commits only after the file is durable.
package struct DirectoryBucket: LogBucket {
    package static let metadataSuffix = ".metadata.json"
    package let directory: URL

    package init(directory: URL) { self.directory = directory }

    /// Runs on NIO's thread pool: the writes wait for the disk (fsync), which an event loop must not.
    package func put(key: String, body: Data, metadata: [String: String]) async throws {
        let (file, metadataFile) = (try path(key), try path(key + Self.metadataSuffix))
        try await NIOThreadPool.singleton.runIfActive {
            try write(body, to: file)
            if !metadata.isEmpty {
                let json = try JSONSerialization.data(withJSONObject: metadata, options: [.sortedKeys])
                try write(json, to: metadataFile)
            }
        }
    }

    package func get(key: String) async throws -> (body: Data, metadata: [String: String])? {
        let file = try path(key)
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let body = try Data(contentsOf: file)
        var metadata: [String: String] = [:]
        if let raw = try? Data(contentsOf: try path(key + Self.metadataSuffix)),
            let object = try? JSONSerialization.jsonObject(with: raw) as? [String: String]
        {
            metadata = object
        }
        return (body, metadata)
    }

    package func list(prefix: String) async throws -> [String] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        let root = directory.standardizedFileURL.path + "/"
        var keys: [String] = []
        for case let url as URL in walker {
            let full = url.standardizedFileURL.path
            guard full.hasPrefix(root), (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let key = String(full.dropFirst(root.count))
            if key.hasPrefix(prefix), !key.hasSuffix(Self.metadataSuffix), !key.contains("/.") { keys.append(key) }
        }
        return keys.sorted()
    }

    /// The file of a key. A key is the tenant's S3KeyPrefix plus CloudTrail's layout, so it must never climb
    /// out of the bucket's directory: keys with `.` or `..` segments, or starting with `/`, are refused.
    private func path(_ key: String) throws -> URL {
        let segments = key.split(separator: "/", omittingEmptySubsequences: false)
        guard !key.isEmpty, !key.hasPrefix("/"), !segments.contains(where: { $0 == "." || $0 == ".." }), !key.contains("\0") else {
            throw LogBucketError(code: "InvalidObjectName", detail: "the key \(key) cannot be stored in a directory bucket")
        }
        return directory.appendingPathComponent(key)
    }

    private func write(_ data: Data, to file: URL) throws {
        let folder = file.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let temporary = folder.appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString).tmp")
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw LogBucketError(code: "AccessDenied", detail: "cannot create \(temporary.path)")
            }
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            if FileManager.default.fileExists(atPath: file.path) { try FileManager.default.removeItem(at: file) }
            try FileManager.default.moveItem(at: temporary, to: file)
        } catch let error as LogBucketError {
            throw error
        } catch {
            throw LogBucketError(code: "AccessDenied", detail: "cannot write \(file.path): \(error.localizedDescription)")
        }
    }
}
