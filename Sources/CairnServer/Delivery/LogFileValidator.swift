import CairnCore
import CairnPolicy
package import Crypto
package import Foundation
import _CryptoExtras

/// Checks a trail's delivered files the way `aws cloudtrail validate-logs` does, on any LogBucket: every
/// digest's location, signature and link to the previous digest, and every log file's hash; and, beyond the
/// CLI, files in the bucket that no digest lists although a later digest exists (moved in, or written by
/// someone else).
package struct LogFileValidator: Sendable {
    package struct Finding: Sendable, Equatable {
        package enum Kind: String, Sendable { case digest = "Digest file", log = "Log file" }
        package let kind: Kind
        package let location: String
        /// nil when valid; otherwise what is wrong, in the CLI's words where it has them.
        package let problem: String?
        /// For a log file, the hash its digest lists (how a moved file is recognised elsewhere).
        package var hash: String? = nil

        package var line: String { "\(kind.rawValue)\t\(location)\t\(problem.map { "INVALID: \($0)" } ?? "valid")" }
    }

    package struct Scope: Sendable {
        package let bucketName: String
        package let keyPrefix: String?
        package let organizationId: String?
        package let trailName: String
        package let homeRegion: String
        package let start: Date
        package let end: Date

        package init(bucketName: String, keyPrefix: String?, organizationId: String?, trailName: String, homeRegion: String, start: Date, end: Date) {
            self.bucketName = bucketName
            self.keyPrefix = keyPrefix.flatMap { $0.isEmpty ? nil : $0 }
            self.organizationId = organizationId
            self.trailName = trailName
            self.homeRegion = homeRegion
            self.start = start
            self.end = end
        }

        var root: String {
            (keyPrefix.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? "") + "AWSLogs/" + (organizationId.map { $0 + "/" } ?? "")
        }
    }

    package let bucket: any LogBucket
    /// Fingerprint → DER PKCS#1 public key.
    package let publicKeys: [String: Data]
    /// KMS key ARN → the key Cairn keeps for it, to open encrypted files.
    package let decryptionKeys: [String: SymmetricKey]

    package init(bucket: any LogBucket, publicKeys: [String: Data], decryptionKeys: [String: SymmetricKey] = [:]) {
        self.bucket = bucket
        self.publicKeys = publicKeys
        self.decryptionKeys = decryptionKeys
    }

    /// The uncompressed content of a stored file, opening its envelope first when it is encrypted.
    private func plaintext(_ body: Data) -> Data? {
        guard let gzip = try? FileEnvelope.open(body, keys: decryptionKeys) else { return nil }
        return try? Gzip.decompress(gzip)
    }

    /// Validates every digest of the trail in the range (each account and region folder), then its log files.
    /// `progress` is told how many files are done of how many.
    package func validate(_ scope: Scope, progress: (Int, Int) -> Void = { _, _ in }) async throws -> [Finding] {
        let all = try await bucket.list(prefix: scope.root)
        let digestKeys = all.filter { isDigest($0, scope) }.filter { key in
            guard let date = Self.digestDate(key) else { return false }
            return date >= scope.start.addingTimeInterval(-60) && date <= scope.end.addingTimeInterval(3600)
        }
        var findings: [Finding] = []
        var listed: Set<String> = []
        var covered: [(folder: String, start: Date, end: Date)] = []
        var done = 0
        let total = digestKeys.count
        progress(0, total)
        for key in digestKeys {
            let (finding, logs, span) = try await checkDigest(key, scope)
            findings.append(finding)
            for log in logs {
                listed.insert(log.s3Object)
                findings.append(try await checkLog(log, scope))
            }
            if let span { covered.append((Self.folder(of: key), span.start, span.end)) }
            done += 1
            progress(done, total)
        }
        // A missing log file whose exact content sits unlisted elsewhere in the bucket was moved there.
        let missing = Dictionary(
            findings.filter { $0.kind == .log && $0.problem == "not found" }.compactMap { f in f.hash.map { ($0, f.location) } },
            uniquingKeysWith: { first, _ in first })
        var reported: Set<String> = []
        if !missing.isEmpty {
            for key in all where isLogFile(key, scope) && !listed.contains(key) {
                guard let object = try await bucket.get(key: key), let raw = plaintext(object.body),
                    let original = missing[Hexadecimal.string(SHA256.hash(data: raw))]
                else { continue }
                findings.append(
                    Finding(kind: .log, location: "\(scope.bucketName)/\(key)", problem: "has been moved from its original location \(original)"))
                reported.insert(key)
            }
        }
        // A log file delivered within the span of a valid digest of its account and region, yet listed by no
        // digest, did not come from this trail's delivery there.
        for key in all where isLogFile(key, scope) && !listed.contains(key) && !reported.contains(key) {
            let digestFolder = Self.folder(of: key).replacingOccurrences(of: "/CloudTrail/", with: "/CloudTrail-Digest/")
            guard let stamp = Self.logFileDate(key),
                covered.contains(where: {
                    Self.sameRegionFolder($0.folder, digestFolder) && $0.start <= stamp && stamp.addingTimeInterval(60) <= $0.end
                })
            else { continue }
            findings.append(
                Finding(
                    kind: .log, location: "\(scope.bucketName)/\(key)",
                    problem: "not listed in any digest (moved here, or not delivered by this trail)"))
        }
        return findings
    }

    /// The finding, the log files a valid digest lists, and the span it covers.
    private func checkDigest(_ key: String, _ scope: Scope) async throws -> (Finding, [DigestEntry], (start: Date, end: Date)?) {
        let location = "\(scope.bucketName)/\(key)"
        func invalid(_ why: String) -> (Finding, [DigestEntry], (start: Date, end: Date)?) {
            (Finding(kind: .digest, location: location, problem: why), [], nil)
        }
        guard let object = try await bucket.get(key: key) else { return invalid("not found") }
        if FileEnvelope.isSealed(object.body), let arn = FileEnvelope.keyArn(of: object.body), decryptionKeys[arn] == nil {
            return invalid("cannot be decrypted: no key for \(arn)")
        }
        guard let raw = plaintext(object.body), let digest = try? JSONDecoder().decode(DigestContent.self, from: raw) else {
            return invalid("invalid format")
        }
        guard digest.digestS3Bucket == scope.bucketName, digest.digestS3Object == key else {
            return invalid("has been moved from its original location")
        }
        guard let signature = object.metadata["signature"], let signatureBytes = Self.unhex(signature) else {
            return invalid("signature verification failed (no signature metadata)")
        }
        guard let der = publicKeys[digest.digestPublicKeyFingerprint], let key = try? _RSA.Signing.PublicKey(derRepresentation: der)
        else { return invalid("public key not found for fingerprint \(digest.digestPublicKeyFingerprint)") }
        let text = DigestFile.stringToSign(
            endTimeText: digest.digestEndTime, bucket: digest.digestS3Bucket, key: digest.digestS3Object,
            contentSHA256: Hexadecimal.string(SHA256.hash(data: raw)), previousSignature: digest.previousDigestSignature)
        guard key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signatureBytes), for: Data(text.utf8), padding: .insecurePKCS1v1_5)
        else { return invalid("signature verification failed") }
        if let previousKey = digest.previousDigestS3Object {
            let stored: (body: Data, metadata: [String: String])?
            do { stored = try await bucket.get(key: previousKey) } catch let error as LogBucketError where error.code == "InvalidObjectName" {
                return invalid("its previous digest names a key outside the bucket")
            }
            guard let previous = stored else {
                return invalid("previous digest \(digest.previousDigestS3Bucket ?? scope.bucketName)/\(previousKey) has been deleted")
            }
            guard let previousRaw = plaintext(previous.body),
                Hexadecimal.string(SHA256.hash(data: previousRaw)) == digest.previousDigestHashValue,
                previous.metadata["signature"] == digest.previousDigestSignature
            else { return invalid("previous digest \(previousKey) has been modified") }
        }
        let span = UTCTimestamp.parse(digest.digestStartTime).flatMap { s in UTCTimestamp.parse(digest.digestEndTime).map { (s, $0) } }
        return (Finding(kind: .digest, location: location, problem: nil), digest.logFiles, span)
    }

    private func checkLog(_ log: DigestEntry, _ scope: Scope) async throws -> Finding {
        let location = "\(log.s3Bucket)/\(log.s3Object)"
        let stored: (body: Data, metadata: [String: String])?
        do { stored = try await bucket.get(key: log.s3Object) } catch let error as LogBucketError where error.code == "InvalidObjectName" {
            return Finding(kind: .log, location: location, problem: "names a key outside the bucket")
        }
        guard let object = stored else {
            return Finding(kind: .log, location: location, problem: "not found", hash: log.hashValue)
        }
        guard let raw = plaintext(object.body) else { return Finding(kind: .log, location: location, problem: "invalid format") }
        guard Hexadecimal.string(SHA256.hash(data: raw)) == log.hashValue else {
            return Finding(kind: .log, location: location, problem: "hash value doesn't match")
        }
        return Finding(kind: .log, location: location, problem: nil)
    }

    private func isDigest(_ key: String, _ scope: Scope) -> Bool {
        key.contains("/CloudTrail-Digest/") && key.hasSuffix("_\(scope.trailName)_\(scope.homeRegion)_\(key.suffix(24).prefix(16)).json.gz")
            && Self.digestDate(key) != nil
    }

    private func isLogFile(_ key: String, _ scope: Scope) -> Bool {
        key.contains("/CloudTrail/") && key.hasSuffix(".json.gz")
    }

    static func digestDate(_ key: String) -> Date? {
        guard key.hasSuffix(".json.gz"), key.count > 24 else { return nil }
        return UTCTimestamp.parseCompact(String(key.suffix(24).prefix(16)))
    }

    /// `…_YYYYMMDDTHHmmZ_unique.json.gz`: the delivery minute.
    static func logFileDate(_ key: String) -> Date? {
        let name = key.split(separator: "/").last.map(String.init) ?? key
        let parts = name.split(separator: "_")
        guard parts.count >= 5 else { return nil }
        let stamp = parts[parts.count - 2]
        guard stamp.count == 14 else { return nil }
        return UTCTimestamp.parseCompact(stamp.dropLast() + "00Z")
    }

    static func folder(of key: String) -> String {
        key.split(separator: "/").dropLast().joined(separator: "/")
    }

    /// Two folders of one account and region (`…/CloudTrail-Digest/region/`), whatever their dates.
    static func sameRegionFolder(_ a: String, _ b: String) -> Bool {
        func stem(_ f: String) -> String { f.split(separator: "/").dropLast(3).joined(separator: "/") }
        return stem(a) == stem(b)
    }

    static func unhex(_ text: String) -> Data? {
        guard text.count % 2 == 0 else { return nil }
        var out = Data(capacity: text.count / 2)
        var chars = text.utf8.makeIterator()
        while let hi = chars.next(), let lo = chars.next() {
            guard let h = nibble(hi), let l = nibble(lo) else { return nil }
            out.append(h << 4 | l)
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 97...102: c - 87
        case 65...70: c - 55
        default: nil
        }
    }

    /// The fields of a digest the checks read.
    private struct DigestContent: Decodable {
        let digestStartTime: String
        let digestEndTime: String
        let digestS3Bucket: String
        let digestS3Object: String
        let digestPublicKeyFingerprint: String
        let previousDigestS3Bucket: String?
        let previousDigestS3Object: String?
        let previousDigestHashValue: String?
        let previousDigestSignature: String?
        let logFiles: [DigestEntry]
    }
}

/// A log file as a digest lists it.
struct DigestEntry: Decodable, Sendable {
    let s3Bucket: String
    let s3Object: String
    let hashValue: String
}
