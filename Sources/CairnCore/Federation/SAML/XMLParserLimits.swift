/// Bounds the strict parser enforces before and while reading, so a hostile document costs at most a linear scan
/// of `maxBytes` and a recursion `maxDepth` deep.
package struct XMLParserLimits: Sendable, Hashable {
    package let maxBytes: Int
    package let maxDepth: Int

    package init(maxBytes: Int, maxDepth: Int) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }

    /// A SAML Response: real ones are a few KiB; 256 KiB leaves room for many attributes and certificates.
    package static let samlMessage = XMLParserLimits(maxBytes: 256 * 1024, maxDepth: 64)
    /// IAM's CreateSAMLProvider accepts metadata of up to 10,000,000 characters, each up to 4 bytes of UTF-8.
    package static let samlMetadata = XMLParserLimits(maxBytes: 40_000_000, maxDepth: 64)
}
