import CairnCore
import CairnPolicy
import Crypto
import Foundation

/// The parts of a request a Signature Version 4 covers, taken from the wire before any decoding, and the
/// signature the client claims for them.
struct SigV4Request: Sendable {
    let method: String
    /// The path exactly as it arrived (still percent-encoded).
    let rawPath: String
    /// The query string exactly as it arrived, without the `?`.
    let rawQuery: String
    /// Header names lowercased; repeated headers joined with commas as AWS does.
    let headers: [String: String]
    let bodyHash: String

    /// What the client signed and how.
    struct Claim: Sendable {
        let accessKeyId: String
        let date: String  // yyyymmdd of the credential scope
        let region: String
        let service: String
        let signedHeaders: [String]
        let signature: String
        let timestamp: String  // yyyymmddThhmmssZ
        let sessionToken: String?
        let presigned: Bool
        let expires: Int?
    }

    /// Reads the claim from the Authorization header or, failing that, from a presigned query string.
    /// Anything malformed is refused here, with AWS's codes, before a key is looked up.
    func claim() throws(ServiceError) -> Claim {
        if let auth = headers["authorization"] {
            return try headerClaim(auth)
        }
        let query = SigV4Request.parseQuery(rawQuery)
        if query["X-Amz-Algorithm"] != nil || query["X-Amz-Signature"] != nil {
            return try queryClaim(query)
        }
        throw .missingAuthentication
    }

    private func headerClaim(_ auth: String) throws(ServiceError) -> Claim {
        guard auth.hasPrefix("AWS4-HMAC-SHA256 ") else {
            throw .incompleteSignature("Authorization header requires the AWS4-HMAC-SHA256 algorithm.")
        }
        // The three fields read into locals, not a dictionary of every field: the header is parsed on every call.
        // A field named twice keeps its last value; others are ignored.
        var credential: String?
        var signedHeaders: String?
        var signature: String?
        for part in auth.utf8.dropFirst("AWS4-HMAC-SHA256 ".utf8.count).split(separator: UInt8(ascii: ",")) {
            // Trimmed by hand: Foundation's CharacterSet trimming cost more than the rest of the header's parsing.
            let kv = part.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            guard let eq = kv.firstIndex(of: UInt8(ascii: "=")) else { continue }
            var value = kv[kv.index(after: eq)...]
            while let last = value.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { value = value.dropLast() }
            let name = kv[..<eq]
            if name.elementsEqual("Credential".utf8) {
                credential = String(decoding: value, as: UTF8.self)
            } else if name.elementsEqual("SignedHeaders".utf8) {
                signedHeaders = String(decoding: value, as: UTF8.self)
            } else if name.elementsEqual("Signature".utf8) {
                signature = String(decoding: value, as: UTF8.self)
            }
        }
        let timestamp = headers["x-amz-date"] ?? ""
        guard let credential, let signedHeaders, let signature, !timestamp.isEmpty else {
            var missing: [String] = []
            for (name, value) in [("Credential", credential), ("SignedHeaders", signedHeaders), ("Signature", signature)] where value == nil {
                missing.append("Authorization header requires '\(name)' parameter.")
            }
            if timestamp.isEmpty {
                missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
            }
            throw .incompleteSignature(missing.joined(separator: " ") + " Authorization=\(auth.prefix(16))")
        }
        return try buildClaim(
            credential: credential, signedHeaders: signedHeaders, signature: signature, timestamp: timestamp,
            sessionToken: headers["x-amz-security-token"], presigned: false, expires: nil)
    }

    private func queryClaim(_ q: [String: String]) throws(ServiceError) -> Claim {
        guard q["X-Amz-Algorithm"] == "AWS4-HMAC-SHA256" else {
            throw .incompleteSignature("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"")
        }
        var missing: [String] = []
        for name in ["X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date"] where q[name] == nil {
            missing.append("AWS query-string parameters must include '\(name)'.")
        }
        if !missing.isEmpty { throw .incompleteSignature(missing.joined(separator: " ") + " Re-examine the query-string parameters.") }
        var expires: Int?
        if let e = q["X-Amz-Expires"] {
            guard let v = Int(e), v >= 1, v <= 604_800 else {
                throw .incompleteSignature("X-Amz-Expires must be between 1 and 604800 seconds")
            }
            expires = v
        }
        return try buildClaim(
            credential: q["X-Amz-Credential"]!, signedHeaders: q["X-Amz-SignedHeaders"]!,
            signature: q["X-Amz-Signature"]!, timestamp: q["X-Amz-Date"]!,
            sessionToken: q["X-Amz-Security-Token"], presigned: true, expires: expires)
    }

    private func buildClaim(
        credential: String, signedHeaders: String, signature: String, timestamp: String, sessionToken: String?,
        presigned: Bool, expires: Int?
    ) throws(ServiceError) -> Claim {
        // Split as bytes: String's Character-wise split cost more than the rest of the claim's parsing.
        let scope = credential.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        guard scope.count == 5, scope[4] == "aws4_request", !scope[0].isEmpty, scope[1].utf8.count == 8,
            !scope[2].isEmpty, !scope[3].isEmpty
        else {
            throw .unknownRegion(scope.count > 2 ? scope[2] : "")
        }
        guard timestamp.utf8.count == 16, timestamp.hasPrefix(scope[1]) else {
            throw ServiceError(
                code: "SignatureDoesNotMatch", status: 403,
                message: "Credential should be scoped to a valid date matching X-Amz-Date: '\(timestamp)'")
        }
        let names = signedHeaders.utf8.split(separator: UInt8(ascii: ";")).map { Self.asciiLowercased(bytes: $0) }
        guard names.contains("host") else {
            throw .incompleteSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
        }
        return Claim(
            accessKeyId: scope[0], date: scope[1], region: scope[2], service: scope[3], signedHeaders: names,
            signature: Self.asciiLowercased(signature), timestamp: timestamp, sessionToken: sessionToken,
            presigned: presigned, expires: expires)
    }

    /// The canonical forms a correct client may have signed. Presigned URLs sign either the body's hash
    /// (botocore, non-S3) or UNSIGNED-PAYLOAD; paths with escapes are signed re-encoded (AWS's rule for
    /// non-S3 services) by botocore but as sent by some other clients. Each form still needs the secret.
    /// Built without intermediate arrays: a header-signed request over a path without escapes, nearly every request,
    /// has the one form.
    func signingVariants(for claim: Claim) -> [(payload: String, doubleEncodePath: Bool)] {
        let escaped = rawPath.utf8.contains(UInt8(ascii: "%"))
        var variants = [(payload: bodyHash, doubleEncodePath: true)]
        if escaped { variants.append((bodyHash, false)) }
        if claim.presigned {
            let declared = headers["x-amz-content-sha256"] ?? "UNSIGNED-PAYLOAD"
            variants.append((declared, true))
            if escaped { variants.append((declared, false)) }
        }
        return variants
    }

    /// Whether `secret` produced the claimed signature for any form a correct client may have signed.
    func verify(_ claim: Claim, secret: String) -> Bool {
        verify(claim, signingKey: Self.signingKey(secret: secret, claim: claim))
    }

    /// Whether the holder of the secret that `signingKey` was derived from (for the claim's date, region and
    /// service) produced the claimed signature.
    func verify(_ claim: Claim, signingKey: SymmetricKey) -> Bool {
        var matched = false
        for v in signingVariants(for: claim) {
            let expected = expectedSignature(for: claim, signingKey: signingKey, payload: v.payload, doubleEncodePath: v.doubleEncodePath)
            if SigV4Request.constantTimeEquals(expected, claim.signature) { matched = true }
        }
        return matched
    }

    /// The signature the holder of `secret` would have sent for this request.
    func expectedSignature(for claim: Claim, secret: String, payload: String? = nil, doubleEncodePath: Bool = true) -> String {
        expectedSignature(for: claim, signingKey: Self.signingKey(secret: secret, claim: claim), payload: payload, doubleEncodePath: doubleEncodePath)
    }

    func expectedSignature(for claim: Claim, signingKey: SymmetricKey, payload: String? = nil, doubleEncodePath: Bool = true) -> String {
        var canonical = canonicalRequest(claim, payload: payload ?? bodyHash, doubleEncodePath: doubleEncodePath)
        let canonicalHash = canonical.withUTF8 { Hexadecimal.string(SHA256.hash(data: UnsafeRawBufferPointer($0))) }
        var stringToSign = "AWS4-HMAC-SHA256\n\(claim.timestamp)\n\(claim.date)/\(claim.region)/\(claim.service)/aws4_request\n\(canonicalHash)"
        return stringToSign.withUTF8 { Hexadecimal.string(HMAC<SHA256>.authenticationCode(for: UnsafeRawBufferPointer($0), using: signingKey)) }
    }

    /// SigV4's key for one day, region and service: four HMACs from the secret, the same for every request
    /// of that scope.
    static func signingKey(secret: String, claim: Claim) -> SymmetricKey {
        var key = SymmetricKey(data: Data("AWS4\(secret)".utf8))
        for part in [claim.date, claim.region, claim.service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }

    /// Written into one string: joining arrays of lines cost the signed path more than hashing the result.
    func canonicalRequest(_ claim: Claim, payload: String, doubleEncodePath: Bool) -> String {
        var out = ""
        out.reserveCapacity(320 + rawPath.utf8.count + rawQuery.utf8.count)
        out += method
        out += "\n"
        out += doubleEncodePath ? canonicalPath : (rawPath.isEmpty ? "/" : rawPath)
        out += "\n"
        out += canonicalQuery(claim)
        out += "\n"
        for name in claim.signedHeaders {
            out += name
            out += ":"
            out += SigV4Request.normalizeHeaderValue(headers[name] ?? "")
            out += "\n"
        }
        out += "\n"
        for (index, name) in claim.signedHeaders.enumerated() {
            if index > 0 { out += ";" }
            out += name
        }
        out += "\n"
        out += payload
        return out
    }

    /// The query's parameters decoded, encoded again as SigV4 wants, sorted by name then value; a presigned URL's
    /// own signature left out.
    private func canonicalQuery(_ claim: Claim) -> String {
        guard !rawQuery.isEmpty else { return "" }
        var pairs: [(String, String)] = []
        for item in rawQuery.split(separator: "&", omittingEmptySubsequences: true) {
            let kv = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let k = SigV4Request.percentDecode(String(kv[0]))
            let v = kv.count > 1 ? SigV4Request.percentDecode(String(kv[1])) : ""
            if claim.presigned && k == "X-Amz-Signature" { continue }
            pairs.append((SigV4Request.uriEncode(k), SigV4Request.uriEncode(v)))
        }
        pairs.sort { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }
        return pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// AWS (non-S3) signs the path normalized and URI-encoded once more, on top of its wire encoding.
    var canonicalPath: String {
        let path = rawPath.isEmpty ? "/" : rawPath
        return SigV4Request.uriEncode(path, keepSlash: true)
    }

    /// Header values are trimmed and inner runs of spaces or tabs become one space; most values need
    /// nothing, and are returned without a copy.
    static func normalizeHeaderValue(_ v: String) -> String {
        var previousBlank = true
        var clean = true
        for b in v.utf8 {
            let blank = b == 0x20 || b == 0x09
            if blank && (previousBlank || b == 0x09) {
                clean = false
                break
            }
            previousBlank = blank
        }
        if clean && !previousBlank { return v }
        return v.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// Lowercases ASCII letters only, as SigV4's names and hex signatures need; Unicode's full lowercasing
    /// cost more than the rest of the claim's parsing.
    static func asciiLowercased(_ s: some StringProtocol) -> String { asciiLowercased(bytes: s.utf8) }

    static func asciiLowercased(bytes: some Collection<UInt8>) -> String {
        // Names and signatures nearly always arrive lowercase already: then no byte is rewritten.
        guard bytes.contains(where: { (0x41...0x5A).contains($0) }) else { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: bytes.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    static func parseQuery(_ raw: String) -> [String: String] {
        var out: [String: String] = [:]
        for item in raw.split(separator: "&") {
            let kv = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            out[percentDecode(String(kv[0]))] = kv.count > 1 ? percentDecode(String(kv[1])) : ""
        }
        return out
    }

    static func percentDecode(_ s: String) -> String {
        (s.replacingOccurrences(of: "+", with: "%20")).removingPercentEncoding ?? s
    }

    static func uriEncode(_ s: String, keepSlash: Bool = false) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E: out.unicodeScalars.append(Unicode.Scalar(b))
            case 0x2F where keepSlash: out.append("/")
            default:
                out.append("%")
                out.unicodeScalars.append(Unicode.Scalar(Self.upperHexDigits[Int(b >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(Self.upperHexDigits[Int(b & 0x0F)]))
            }
        }
        return out
    }

    static let upperHexDigits = Array("0123456789ABCDEF".utf8)

    /// Constant-time comparison: the time taken must not reveal how many leading characters matched.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
