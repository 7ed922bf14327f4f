import CairnCore
import Testing

/// The shape rules of the verifier, which refuse before any cryptography runs. Real signatures are checked in
/// CairnServerTests against documents signed by Python's signxml.
@Suite struct XMLSignatureVerifierTests {
    /// Never reached by a refused document; any call fails the check that follows.
    private struct NoCryptography: XMLSignatureCryptography {
        func digest(_ bytes: [UInt8], using algorithm: XMLDigestAlgorithm) -> [UInt8] { [0] }
        func isValidSignature(_ signature: [UInt8], over signedBytes: [UInt8], using algorithm: XMLSignatureAlgorithm) -> Bool {
            false
        }
    }

    /// Digests are the canonical bytes themselves, so a test can write the "digest" it expects.
    private struct TransparentCryptography: XMLSignatureCryptography {
        func digest(_ bytes: [UInt8], using algorithm: XMLDigestAlgorithm) -> [UInt8] { bytes }
        func isValidSignature(_ signature: [UInt8], over signedBytes: [UInt8], using algorithm: XMLSignatureAlgorithm) -> Bool {
            signature == signedBytes
        }
    }

    private static let enveloped = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
    private static let exclusive = "http://www.w3.org/2001/10/xml-exc-c14n#"
    private static let sha256 = "http://www.w3.org/2001/04/xmlenc#sha256"
    private static let rsaSHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"

    private func signed(
        id: String = "a1", uri: String = "#a1", canonicalization: String = exclusive, method: String = rsaSHA256,
        transforms: [String] = [enveloped, exclusive], digest: String = sha256, digestValue: String = "AAAA",
        signatureValue: String = "AAAA", extraReference: Bool = false, extra: String = ""
    ) -> String {
        let transformElements = transforms.map { #"<ds:Transform Algorithm="\#($0)"/>"# }.joined()
        let reference =
            #"<ds:Reference URI="\#(uri)"><ds:Transforms>\#(transformElements)</ds:Transforms><ds:DigestMethod Algorithm="\#(digest)"/><ds:DigestValue>\#(digestValue)</ds:DigestValue></ds:Reference>"#
        return
            #"<r xmlns:ds="http://www.w3.org/2000/09/xmldsig#" ID="\#(id)"><ds:Signature><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="\#(canonicalization)"/><ds:SignatureMethod Algorithm="\#(method)"/>\#(reference)\#(extraReference ? reference : "")</ds:SignedInfo><ds:SignatureValue>\#(signatureValue)</ds:SignatureValue></ds:Signature>\#(extra)</r>"#
    }

    private func verify(_ xml: String, _ cryptography: some XMLSignatureCryptography = NoCryptography()) throws(XMLSignatureError) -> Set<Int> {
        let root = try! StrictXMLParser.parse(xml)
        return try XMLSignatureVerifier(cryptography: cryptography).signedElements(in: root)
    }

    @Test func refusesEveryOtherForm() {
        let inclusive = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
        let xpath = "http://www.w3.org/TR/1999/REC-xpath-19991116"
        #expect(throws: XMLSignatureError.unsupportedCanonicalization(inclusive)) { try verify(signed(canonicalization: inclusive)) }
        #expect(throws: XMLSignatureError.unsupportedCanonicalization(Self.exclusive + "WithComments")) {
            try verify(signed(canonicalization: Self.exclusive + "WithComments"))
        }
        let hmac = "http://www.w3.org/2000/09/xmldsig#hmac-sha1"
        #expect(throws: XMLSignatureError.unsupportedSignatureMethod(hmac)) { try verify(signed(method: hmac)) }
        let md5 = "http://www.w3.org/2001/04/xmldsig-more#md5"
        #expect(throws: XMLSignatureError.unsupportedDigestMethod(md5)) { try verify(signed(digest: md5)) }
        #expect(throws: XMLSignatureError.unsupportedTransforms([Self.enveloped, xpath, Self.exclusive])) {
            try verify(signed(transforms: [Self.enveloped, xpath, Self.exclusive]))
        }
        #expect(throws: XMLSignatureError.unsupportedTransforms([Self.exclusive])) { try verify(signed(transforms: [Self.exclusive])) }
        #expect(throws: XMLSignatureError.malformedSignature("SignedInfo must contain exactly one Reference, not 2")) {
            try verify(signed(extraReference: true))
        }
        #expect(throws: XMLSignatureError.malformedSignature("the Reference URI must be #ID, not ")) { try verify(signed(uri: "")) }
        #expect(throws: XMLSignatureError.malformedSignature("SignatureValue is not base64")) { try verify(signed(signatureValue: "a*b")) }
    }

    @Test func refusesAReferenceToAnyElementButItsParent() {
        #expect(throws: XMLSignatureError.referenceNotToParent(uri: "#other", parentID: "a1")) {
            try verify(signed(uri: "#other", extra: #"<x ID="other"/>"#))
        }
    }

    @Test func refusesDuplicateIDsAnywhere() {
        #expect(throws: XMLSignatureError.duplicateID("a1")) { try verify(signed(extra: #"<x><y ID="a1"/></x>"#)) }
        #expect(throws: XMLSignatureError.duplicateID("a1")) { try verify(signed(extra: #"<x AssertionID="a1"/>"#)) }
    }

    @Test func checksDigestThenSignatureOverCanonicalBytes() throws {
        // With the transparent stand-in, the DigestValue must be the canonical element without its signature.
        let digest = [UInt8](#"<r ID="a1"></r>"#.utf8)
        let base64Digest = Self.base64(digest)
        #expect(throws: XMLSignatureError.signatureMismatch(elementID: "a1")) {
            try verify(signed(digestValue: base64Digest), TransparentCryptography())
        }
        #expect(throws: XMLSignatureError.digestMismatch(elementID: "a1")) {
            try verify(signed(digestValue: base64Digest, extra: "<changed/>"), TransparentCryptography())
        }
        let signedInfo =
            ##"<ds:SignedInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:CanonicalizationMethod Algorithm="\##(Self.exclusive)"></ds:CanonicalizationMethod><ds:SignatureMethod Algorithm="\##(Self.rsaSHA256)"></ds:SignatureMethod><ds:Reference URI="#a1"><ds:Transforms><ds:Transform Algorithm="\##(Self.enveloped)"></ds:Transform><ds:Transform Algorithm="\##(Self.exclusive)"></ds:Transform></ds:Transforms><ds:DigestMethod Algorithm="\##(Self.sha256)"></ds:DigestMethod><ds:DigestValue>\##(base64Digest)</ds:DigestValue></ds:Reference></ds:SignedInfo>"##
        let signedElements = try verify(
            signed(digestValue: base64Digest, signatureValue: Self.base64(Array(signedInfo.utf8))), TransparentCryptography())
        #expect(signedElements == [0])
    }

    private static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var result = ""
        for start in stride(from: 0, to: bytes.count, by: 3) {
            let chunk = Array(bytes[start..<min(start + 3, bytes.count)]) + [0, 0]
            let value = Int(chunk[0]) << 16 | Int(chunk[1]) << 8 | Int(chunk[2])
            let count = min(3, bytes.count - start)
            for index in 0..<4 { result.append(index <= count ? alphabet[(value >> (18 - 6 * index)) & 63] : "=") }
        }
        return result
    }
}
