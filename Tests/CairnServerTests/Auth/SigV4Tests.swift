import CairnCore
import CairnTestSupport
import Foundation
import Testing

@testable import CairnServer

@Suite struct SigV4Tests {
    /// AWS's worked example from the General Reference ("Create a signed AWS API request"): IAM ListUsers.
    static let example = SigV4Request(
        method: "GET", rawPath: "/", rawQuery: "Action=ListUsers&Version=2010-05-08",
        headers: [
            "host": "iam.amazonaws.com", "content-type": "application/x-www-form-urlencoded; charset=utf-8",
            "x-amz-date": "20150830T123600Z",
            "authorization":
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
        ],
        bodyHash: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")

    @Test func verifierReproducesAWSsPublishedExampleSignature() throws {
        let claim = try Self.example.claim()
        #expect(claim.region == "us-east-1" && claim.service == "iam" && claim.accessKeyId == "AKIDEXAMPLE")
        let expected = Self.example.expectedSignature(for: claim, secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        #expect(expected == "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
    }

    @Test func aCachedSigningKeyServesOnlyTheSecretItCameFrom() throws {
        let claim = try Self.example.claim()
        let cache = SigningKeyCache()
        let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
        #expect(Self.example.verify(claim, signingKey: cache.key(for: claim, secret: secret)))
        #expect(Self.example.verify(claim, signingKey: cache.key(for: claim, secret: secret)), "a cached key still verifies")
        // The same access key with a new secret: the cached key must not verify the old signature.
        #expect(!Self.example.verify(claim, signingKey: cache.key(for: claim, secret: secret + "rotated")))
        #expect(Self.example.verify(claim, signingKey: cache.key(for: claim, secret: secret)))
    }

    @Test func testSignerAgreesWithAWSsPublishedExample() {
        let signature = TestSigner.signatureFor(
            method: "GET", path: "/", query: "Action=ListUsers&Version=2010-05-08",
            headers: Self.example.headers, signedHeaders: ["content-type", "host", "x-amz-date"], body: Data(),
            amzDate: "20150830T123600Z", day: "20150830", region: "us-east-1", service: "iam",
            secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        #expect(signature == "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
    }

    @Test func malformedAuthorizationHeadersAreRefusedBeforeAnyLookup() {
        func claim(_ auth: String, date: String? = "20150830T123600Z") -> ServiceError? {
            var headers = ["host": "h", "authorization": auth]
            if let date { headers["x-amz-date"] = date }
            let r = SigV4Request(method: "GET", rawPath: "/", rawQuery: "", headers: headers, bodyHash: "")
            do {
                _ = try r.claim()
                return nil
            } catch { return error }
        }
        #expect(claim("Basic dXNlcjpwYXNz")?.code == "IncompleteSignatureException")
        #expect(claim("AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/iam/aws4_request")?.code == "IncompleteSignatureException")
        #expect(claim("AWS4-HMAC-SHA256 Credential=AK/2015/us-east-1/iam, SignedHeaders=host, Signature=00")?.code == "IncompleteSignatureException")
        #expect(
            claim("AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/iam/aws4_request, SignedHeaders=x-amz-date, Signature=00")?.code
                == "IncompleteSignatureException")
        #expect(
            claim("AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=00", date: nil)?.code
                == "IncompleteSignatureException")
        #expect(
            claim("AWS4-HMAC-SHA256 Credential=AK/20150831/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=00")?.code
                == "SignatureDoesNotMatch")
        let none = SigV4Request(method: "GET", rawPath: "/", rawQuery: "", headers: ["host": "h"], bodyHash: "")
        #expect(throws: ServiceError.missingAuthentication) { try none.claim() }
    }

    @Test func signatureComparisonIsExactAndLengthAware() {
        #expect(SigV4Request.constantTimeEquals("abc", "abc"))
        #expect(!SigV4Request.constantTimeEquals("abc", "abd"))
        #expect(!SigV4Request.constantTimeEquals("abc", "abcd"))
    }
}
