import Crypto
import Foundation
import HTTPTypes

/// Credentials a test signs with.
package struct TestCredentials: Sendable {
    package let accessKeyId: String
    package let secret: String
    package init(accessKeyId: String, secret: String) {
        self.accessKeyId = accessKeyId
        self.secret = secret
    }
}

/// A Signature Version 4 signer written for the tests from AWS's published algorithm, separately from the
/// server's verifier, and checked against AWS's own worked example.
package enum TestSigner {
    package static func sign(
        method: String, path: String, query: String = "", headers: [String: String], body: Data,
        region: String, service: String, credentials: TestCredentials, date: Date = Date()
    ) -> HTTPFields {
        let amzDate = stamp(date, "yyyyMMdd'T'HHmmss'Z'")
        let day = String(amzDate.prefix(8))
        var all = headers
        all["x-amz-date"] = amzDate
        let names = all.keys.map { $0.lowercased() }.sorted()
        let lowered = Dictionary(uniqueKeysWithValues: all.map { ($0.key.lowercased(), $0.value) })
        let signature = signatureFor(
            method: method, path: path, query: query, headers: lowered, signedHeaders: names, body: body,
            amzDate: amzDate, day: day, region: region, service: service, secret: credentials.secret)
        var fields = HTTPFields()
        for (k, v) in all { fields[HTTPField.Name(k)!] = v }
        fields[.authorization] =
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(day)/\(region)/\(service)/aws4_request, SignedHeaders=\(names.joined(separator: ";")), Signature=\(signature)"
        return fields
    }

    package static func signatureFor(
        method: String, path: String, query: String, headers: [String: String], signedHeaders: [String], body: Data,
        amzDate: String, day: String, region: String, service: String, secret: String
    ) -> String {
        let canonicalQuery = query.split(separator: "&").map(String.init).sorted().joined(separator: "&")
        let canonicalHeaders = signedHeaders.map { "\($0):\(headers[$0]!.trimmingCharacters(in: .whitespaces))\n" }.joined()
        let canonical = [
            method, path, canonicalQuery, canonicalHeaders, signedHeaders.joined(separator: ";"),
            hex(SHA256.hash(data: body)),
        ].joined(separator: "\n")
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let toSign = "AWS4-HMAC-SHA256\n\(amzDate)\n\(scope)\n\(hex(SHA256.hash(data: Data(canonical.utf8))))"
        func hmac(_ key: Data, _ text: String) -> Data {
            Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: key)))
        }
        let kSigning = hmac(hmac(hmac(hmac(Data("AWS4\(secret)".utf8), day), region), service), "aws4_request")
        return hex(hmac(kSigning, toSign))
    }

    static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    static func stamp(_ date: Date, _ format: String) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = format
        return f.string(from: date)
    }
}
